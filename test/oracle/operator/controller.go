package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strings"

	batchv1 "github.com/forkspacer/forkspacer/api/v1"
	"github.com/forkspacer/forkspacer/internal/controller"
	managerCons "github.com/forkspacer/forkspacer/pkg/constants/manager"
	"github.com/forkspacer/forkspacer/pkg/manager"
	managerBase "github.com/forkspacer/forkspacer/pkg/manager/base"
	"github.com/forkspacer/forkspacer/pkg/resources"
	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// errNoDownload ends the Custom manager's plugin download: the oracle judges what the operator checks before it.
var errNoDownload = errors.New("forkspacer-oracle: download not attempted")

// served and servedConfigMaps: the current case's resource documents (httpURL → text, "namespace/name" → module.yaml).
var served, servedConfigMaps map[string]string

// servingTransport answers a GET of a served URL with its document (200); any other request goes to the real
// transport, whose connections are never opened.
type servingTransport struct{ next http.RoundTripper }

func (t servingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if text, ok := served[req.URL.String()]; ok && req.Method == http.MethodGet {
		return &http.Response{
			Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"application/yaml"}}, Body: io.NopCloser(strings.NewReader(text)),
			ContentLength: int64(len(text)), Request: req,
		}, nil
	}
	return t.next.RoundTrip(req)
}

func init() {
	// readModuleFromHTTP uses http.DefaultClient and utils.WriteHTTPDataToFile &http.Client{}, that is
	// http.DefaultTransport: the case's served documents, else a real transport (its own refusals stay: unsupported
	// protocol scheme, no Host in request URL) whose connections are never opened.
	noDial := func(context.Context, string, string) (net.Conn, error) { return nil, errNoDownload }
	http.DefaultTransport = servingTransport{next: &http.Transport{DialContext: noDial, DialTLSContext: noDial}}
}

// judgeInstall is ModuleReconciler.installModule from reading the source to NewManager (module_operations.go and
// newManager in module_controller.go): readModuleLocation, spec.config through encoding/json into map[string]any,
// HandleResource (decode, constraint, operator version, ValidateConfig), then for Helm RenderSpec and
// NewModuleHelmManager (the kind's Validate), for Custom NewModuleCustomManager (Validate, then the download request).
func judgeInstall(ctx context.Context, c client.Client, module *batchv1.Module, metaData managerBase.MetaData) docVerdict {
	moduleData, err := controller.OracleReadModuleLocation(ctx, c, module.Spec.Source)
	if err != nil {
		err = fmt.Errorf("failed to read module location: %v", err)
		return refused("module", "controller", err.Error(), innermost(err))
	}
	configMap := make(map[string]any)
	if module.Spec.Config != nil && module.Spec.Config.Raw != nil {
		if err := json.Unmarshal(module.Spec.Config.Raw, &configMap); err != nil {
			err = fmt.Errorf("failed to unmarshal module config: %v", err)
			return refused("module", "controller", err.Error(), err.Error())
		}
	}
	err = resources.HandleResource(moduleData, &configMap,
		func(helmModule resources.HelmModule) error {
			releaseName := controller.OracleHelmReleaseName(*module)
			metaData[managerCons.HelmMetaDataKeys.ReleaseName] = releaseName
			if err := helmModule.RenderSpec(helmModule.NewRenderData(configMap, releaseName)); err != nil {
				return fmt.Errorf("failed to render Helm module spec: %v", err)
			}
			// (newManager creates the Helm service for the workspace here: the cluster, not judged.)
			if _, err := manager.NewModuleHelmManager(&helmModule, nil, releaseName, logr.Discard()); err != nil {
				return fmt.Errorf("failed to install Helm module: %w", err)
			}
			return nil
		},
		func(customModule resources.CustomModule) error {
			_, err := manager.NewModuleCustomManager(ctx, c, &rest.Config{}, &customModule, configMap, metaData)
			if err != nil && !passedPreDownload(err) {
				return fmt.Errorf("failed to install Custom module: %w", err)
			}
			return nil
		},
	)
	if err != nil {
		return refused("module", "controller", err.Error(), innerOf(err))
	}
	return docVerdict{Kind: "module", OK: true, Config: jsonValue(configMap), GoTypes: goTypes(configMap)}
}

// passedPreDownload: the manager got past its checks and started fetching the plugin (stopped by the oracle), or
// asked the fake cluster for the plugin's ConfigMap (which the oracle does not hold).
func passedPreDownload(err error) bool {
	return errors.Is(err, errNoDownload) || strings.Contains(err.Error(), errNoDownload.Error()) || strings.Contains(err.Error(), "failed to write ConfigMap plugin file")
}

// innerOf: the innermost text; an error from the callbacks above keeps the operator's own wrapping inside them.
func innerOf(err error) string {
	msg := innermost(err)
	// HandleResource formats read errors with %v ("failed to read module type: <yaml error>"): the yaml text is inner.
	for _, prefix := range []string{
		"failed to read module type: ", "failed to read Helm manager details: ",
		"failed to read base bundle information: ", "failed to render Helm module spec: ",
	} {
		if strings.HasPrefix(msg, prefix) {
			msg = strings.TrimPrefix(msg, prefix)
		}
	}
	if i := strings.LastIndex(msg, ": yaml: "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

func jsonValue(m map[string]any) map[string]any {
	data, err := json.Marshal(nonFinite(m))
	if err != nil {
		return map[string]any{"<unmarshalable>": err.Error()}
	}
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return out
}

func goTypes(m map[string]any) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = fmt.Sprintf("%T", v)
	}
	return out
}

// judgeResourceDocument: a resource definition file as the operator reads it when a Module points at it (httpURL or
// a ConfigMap's module.yaml): HandleResource's steps with the config a Module that sets nothing gets (the defaults),
// then the kind's path as in judgeInstall. Errors only a Module's own config causes (required but missing) are not
// the file's: ValidateUserInput is asked for the defaults, and a required item is given its default to go on.
func judgeResourceDocument(kind string, chunk []byte) docVerdict {
	base, err := resources.ReadResource[resources.BaseResource](chunk)
	if err != nil {
		err = fmt.Errorf("failed to read module type: %v", err)
		return refused(kind, "resource", err.Error(), innerOf(err))
	}
	validator, err := resources.GenerateConfigInputValidator(base.Config)
	config := map[string]any{}
	if err == nil {
		for alias, v := range validator.GetValidators() {
			if d := v.DefaultValue(); d != nil {
				config[alias] = d
			}
		}
	}
	// HandleResource with nil config skips ValidateConfig; the validator's construction is checked just above, after
	// the constraint and version checks that HandleResource makes first.
	ctx := context.Background()
	metaData := make(managerBase.MetaData)
	err = resources.HandleResource(chunk, nil,
		func(helmModule resources.HelmModule) error {
			if verr := configError(base.Config); verr != nil {
				return verr
			}
			if err := helmModule.RenderSpec(helmModule.NewRenderData(config, "default-module")); err != nil {
				return fmt.Errorf("failed to render Helm module spec: %v", err)
			}
			if _, err := manager.NewModuleHelmManager(&helmModule, nil, "default-module", logr.Discard()); err != nil {
				return fmt.Errorf("failed to install Helm module: %w", err)
			}
			return nil
		},
		func(customModule resources.CustomModule) error {
			if verr := configError(base.Config); verr != nil {
				return verr
			}
			_, err := manager.NewModuleCustomManager(ctx, clusterFor(nil, nil), &rest.Config{}, &customModule, config, metaData)
			if err != nil && !passedPreDownload(err) {
				return fmt.Errorf("failed to install Custom module: %w", err)
			}
			return nil
		},
	)
	if err != nil {
		return refused(kind, "resource", err.Error(), innerOf(err))
	}
	return docVerdict{Kind: kind, OK: true}
}

// configError is ValidateConfig's first failure that is the definition's, not a Module's: building the validators
// (unregistered field type, a spec that does not decode, an invalid regex).
func configError(items []resources.ConfigItem) error {
	if _, err := resources.GenerateConfigInputValidator(items); err != nil {
		return fmt.Errorf("failed to validate configuration: %w", err)
	}
	return nil
}

// nonFinite writes the floats JSON cannot hold (a served resource's `default: .inf`) as test/oracle/tsVerdict.ts
// canonical writes them: "<Infinity>", "<-Infinity>", "<NaN>".
func nonFinite(v any) any {
	switch x := v.(type) {
	case float64:
		switch {
		case math.IsInf(x, 1):
			return "<Infinity>"
		case math.IsInf(x, -1):
			return "<-Infinity>"
		case math.IsNaN(x):
			return "<NaN>"
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = nonFinite(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = nonFinite(e)
		}
		return out
	}
	return v
}
