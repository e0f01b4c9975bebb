//go:build js && wasm

// The operator's own Helm rendering, compiled to WebAssembly for the language server and the CLI
// (common/src/helmRender.ts loads it). Nothing of the operator is copied here: go.mod requires
// github.com/forkspacer/forkspacer v0.1.7 and this calls its public package pkg/resources, the functions
// internal/controller/module_controller.go calls for a Helm Module (HandleResource, RenderSpec(NewRenderData(config,
// releaseName)), then the Validate that manager.NewModuleHelmManager runs), and Go's own text/template.
//
// Registered on globalThis (synchronous functions, strings in, a JSON string out):
//
//	forkspacerTemplateParse(text)                       -> "" or text/template's parse error
//	forkspacerHelmVerdict(resourceYaml, configJson|null, releaseName, fromJson) -> {"ok","stage","error","strings":[...]}
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"syscall/js"
	"text/template"

	"github.com/forkspacer/forkspacer/pkg/resources"
	"go.yaml.in/yaml/v3"
	sigsyaml "sigs.k8s.io/yaml"
)

// templated is one string of the spec that the operator executes as a template, in path order.
type templated struct {
	Path     []any   `json:"path"`
	Text     string  `json:"text"`
	Error    string  `json:"error,omitempty"`
	Rendered *string `json:"rendered,omitempty"`
	// Type is %T of the rendered text re-parsed as YAML (what the operator keeps), or "string" when it does not parse.
	Type string `json:"type,omitempty"`
	// Value is that value as JSON, where it has one.
	Value json.RawMessage `json:"value,omitempty"`
}

type verdict struct {
	OK bool `json:"ok"`
	// Stage of the first failure: "resource" (HandleResource before the callback: reading, constraint, version,
	// ValidateConfig), "render" (RenderSpec), "validate" (HelmModuleSpec.Validate), "kind" (not a Helm resource).
	Stage   string      `json:"stage,omitempty"`
	Error   string      `json:"error,omitempty"`
	Inner   string      `json:"inner,omitempty"`
	Strings []templated `json:"strings"`
	// Config is the config RenderData received (after ValidateUserInput), as JSON.
	Config json.RawMessage `json:"config,omitempty"`
}

func isTemplated(s string) bool { return strings.Contains(s, "{{") && strings.Contains(s, "}}") }

// renderOne is renderInterface's string case (pkg/resources/helper.go), on one string.
func renderOne(val string, data any) templated {
	t := templated{Text: val}
	tmpl, err := template.New("").Parse(val)
	if err != nil {
		t.Error = err.Error()
		return t
	}
	var buf bytes.Buffer
	if err = tmpl.Execute(&buf, data); err != nil {
		t.Error = err.Error()
		return t
	}
	rendered := buf.String()
	t.Rendered = &rendered
	var parsed any
	if err := yaml.Unmarshal([]byte(rendered), &parsed); err == nil {
		t.Type = fmt.Sprintf("%T", parsed)
		if parsed == nil {
			t.Type = "nil"
		}
		if raw, err := json.Marshal(parsed); err == nil {
			t.Value = raw
		}
	} else {
		t.Type = "string"
		raw, _ := json.Marshal(rendered)
		t.Value = raw
	}
	return t
}

// walk visits the spec as renderSpecWithTypePreservation sees it (yaml.v3 marshal, unmarshal into any), keys sorted.
func walk(v any, path []any, data any, out *[]templated) {
	switch val := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walk(val[k], append(append([]any{}, path...), k), data, out)
		}
	case []any:
		for i, x := range val {
			walk(x, append(append([]any{}, path...), i), data, out)
		}
	case string:
		if isTemplated(val) {
			t := renderOne(val, data)
			t.Path = path
			*out = append(*out, t)
		}
	}
}

func locate(spec resources.HelmModuleSpec, data any) []templated {
	out := []templated{}
	b, err := yaml.Marshal(spec)
	if err != nil {
		return out
	}
	var v any
	if yaml.Unmarshal(b, &v) != nil {
		return out
	}
	walk(v, []any{}, data, &out)
	return out
}

// helmVerdict is the Helm branch of installModule/newManager. configJSON nil: the resource file on its own, with the
// config a Module that sets nothing gets (the validators' defaults; HandleResource given no config).
// fromJSON: resourceYAML is the JSON of spec.source.raw, which readModuleFromRaw turns into YAML first.
func helmVerdict(resourceYAML string, configJSON *string, releaseName string, fromJSON bool) (v verdict) {
	v.Strings = []templated{}
	defer func() {
		if r := recover(); r != nil {
			v = verdict{Stage: "panic", Error: fmt.Sprintf("panic: %v", r), Strings: v.Strings}
		}
	}()
	data := []byte(resourceYAML)
	if fromJSON {
		converted, err := sigsyaml.JSONToYAML(data)
		if err != nil {
			v.Stage, v.Error = "resource", fmt.Sprintf("failed to read module location: failed to convert raw JSON to YAML: %v", err)
			return v
		}
		data = converted
	}
	var configPtr *map[string]any
	configMap := map[string]any{}
	if configJSON != nil {
		if *configJSON != "" && *configJSON != "null" {
			if err := json.Unmarshal([]byte(*configJSON), &configMap); err != nil {
				v.Stage, v.Error = "resource", fmt.Sprintf("failed to unmarshal module config: %v", err)
				return v
			}
		}
		configPtr = &configMap
	} else if base, err := resources.ReadResource[resources.BaseResource](data); err == nil {
		if validator, err := resources.GenerateConfigInputValidator(base.Config); err == nil {
			for alias, val := range validator.GetValidators() {
				if d := val.DefaultValue(); d != nil {
					configMap[alias] = d
				}
			}
		}
	}
	reached, isHelm := false, false
	err := resources.HandleResource(data, configPtr,
		func(helmModule resources.HelmModule) error {
			reached, isHelm = true, true
			renderData := helmModule.NewRenderData(configMap, releaseName)
			v.Strings = locate(helmModule.Spec, renderData)
			if raw, err := json.Marshal(configMap); err == nil {
				v.Config = raw
			}
			if err := helmModule.RenderSpec(renderData); err != nil {
				v.Stage, v.Inner = "render", err.Error()
				return fmt.Errorf("failed to render Helm module spec: %v", err)
			}
			if err := helmModule.Validate(); err != nil {
				v.Stage, v.Inner = "validate", err.Error()
				return fmt.Errorf("failed to install Helm module: %w", err)
			}
			return nil
		},
		func(resources.CustomModule) error {
			reached = true
			return nil
		},
	)
	if !reached && err != nil {
		v.Stage = "resource"
	} else if reached && !isHelm {
		v.Stage = "kind"
		return v
	}
	if err != nil {
		v.Error = err.Error()
		if v.Inner == "" {
			v.Inner = v.Error
		}
		return v
	}
	v.OK = true
	return v
}

func result(v any) js.Value {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]any{"ok": false, "stage": "panic", "error": err.Error()})
	}
	return js.ValueOf(string(b))
}

func main() {
	js.Global().Set("forkspacerTemplateParse", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 {
			return js.ValueOf("forkspacerTemplateParse: no text")
		}
		if _, err := template.New("").Parse(args[0].String()); err != nil {
			return js.ValueOf(err.Error())
		}
		return js.ValueOf("")
	}))
	js.Global().Set("forkspacerHelmVerdict", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 3 {
			return result(verdict{Stage: "panic", Error: "forkspacerHelmVerdict: want (resourceYaml, configJson|null, releaseName)"})
		}
		var config *string
		if t := args[1].Type(); t != js.TypeNull && t != js.TypeUndefined {
			s := args[1].String()
			config = &s
		}
		fromJSON := len(args) > 3 && args[3].Truthy()
		return result(helmVerdict(args[0].String(), config, args[2].String(), fromJSON))
	}))
	js.Global().Set("forkspacerOperatorWasmReady", js.ValueOf(true))
	select {}
}
