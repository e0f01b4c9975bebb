// Command runner loads one Forkspacer Go plugin (.so) and calls NewManager plus one lifecycle method.
//
// Go plugins only load into a binary built by the same toolchain from the same versions of every shared
// package, so the host does not ship this as a binary: it copies these files next to the plugin's go.mod
// (in a cache folder) and builds them with the user's `go`, once per toolchain and go.mod/go.sum.
//
// Protocol: one JSON request on stdin (see request); JSON lines on stdout: {"type":"log",...} records
// from the plugin's logr.Logger as they happen, {"type":"plugin","package":...} once the plugin is open
// (so the host can find the plugin's own frames in a crash report), then exactly one {"type":"result",...}.
// Anything the plugin prints itself goes to stderr (fd 1 is redirected) so it cannot corrupt the protocol.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"plugin"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

type request struct {
	Method     string         `json:"method"` // install | uninstall | sleep | resume
	Plugin     string         `json:"plugin"` // path of the .so
	Kubeconfig string         `json:"kubeconfig"`
	Context    string         `json:"context"`
	Config     map[string]any `json:"config"`
	// GoTypes names config values the operator hands over as typed Go values (defaults decoded from
	// the definition's YAML: "int", "[]string"); everything else arrives as JSON-decoded values.
	GoTypes  map[string]string `json:"goTypes"`
	MetaData map[string]any    `json:"metaData"`
}

type result struct {
	Type     string        `json:"type"`
	OK       bool          `json:"ok"`
	Stage    string        `json:"stage,omitempty"` // where it failed: request, kubeconfig, open, lookup, signature, newManager, method
	Error    string        `json:"error,omitempty"`
	Panic    *panicReport  `json:"panic,omitempty"`
	MetaData base.MetaData `json:"metaData"`
}

// panicReport is a panic recovered in plugin code: its value and the goroutine's stack (debug.Stack's text,
// which the host sorts so that the plugin's own frames come first).
type panicReport struct {
	Value string `json:"value"`
	Stack string `json:"stack"`
}

// panicError carries a recovered panic out of guard.
type panicError struct {
	name   string
	report panicReport
}

func (p *panicError) Error() string { return fmt.Sprintf("panic in %s: %s", p.name, p.report.Value) }

func main() {
	exitWithParent()
	out := protocolOutput()
	res := run(out)
	res.Type = "result"
	out.write(res)
	if !res.OK {
		os.Exit(1)
	}
}

// protocolOutput keeps the real stdout for the protocol and points fd 1 at stderr, so a plugin's
// fmt.Println (or a library writing to os.Stdout) shows up as plain log text instead of breaking JSON.
func protocolOutput() *lineWriter {
	fd, err := syscall.Dup(1)
	if err != nil {
		return &lineWriter{w: os.Stdout}
	}
	if err := syscall.Dup3(2, 1, 0); err != nil {
		return &lineWriter{w: os.Stdout}
	}
	return &lineWriter{w: os.NewFile(uintptr(fd), "protocol")}
}

func run(out *lineWriter) (res result) {
	res.MetaData = base.MetaData{}
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		return fail(res, "request", fmt.Errorf("cannot read the request: %w", err))
	}
	var req request
	if err := json.Unmarshal(data, &req); err != nil {
		return fail(res, "request", fmt.Errorf("invalid request: %w", err))
	}
	if req.MetaData != nil {
		res.MetaData = base.MetaData(req.MetaData)
	}
	config := applyGoTypes(req.Config, req.GoTypes)

	// SIGTERM from the host (timeout or cancel) cancels the context; a plugin that ignores it is killed later.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	logger := logr.New(&jsonSink{out: out})
	ctx = logr.NewContext(ctx, logger)

	kubernetesConfig, err := restConfig(req, logger)
	if err != nil {
		return fail(res, "kubeconfig", err)
	}

	// Wording of the next three errors mirrors the operator (pkg/manager/custom.go), with a hint added.
	p, err := plugin.Open(req.Plugin)
	if err != nil {
		return fail(res, "open", fmt.Errorf("failed to open plugin file %q: %w (the plugin and this runner must be built "+
			"by the same Go toolchain from the same versions of every shared package)", req.Plugin, err))
	}
	symbol, err := p.Lookup("NewManager")
	if err != nil {
		return fail(res, "lookup", fmt.Errorf("failed to lookup 'NewManager' symbol in plugin: %w", err))
	}
	out.write(map[string]string{"type": "plugin", "package": packageOf(symbol)})
	newManager, ok := symbol.(func(context.Context, logr.Logger, *rest.Config, map[string]any) (base.IManager, error))
	if !ok {
		return fail(res, "signature", fmt.Errorf("symbol 'NewManager' found in plugin is not of type 'NewCustomManagerT' (%T); "+
			"want func(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error)",
			symbol))
	}

	var manager base.IManager
	if err := guard("NewManager", func() (err error) {
		manager, err = newManager(ctx, logger, kubernetesConfig, config)
		return err
	}); err != nil {
		return fail(res, "newManager", err)
	}
	if manager == nil {
		return fail(res, "newManager", fmt.Errorf("NewManager returned a nil IManager and no error"))
	}

	method, err := lifecycleMethod(manager, req.Method)
	if err != nil {
		return fail(res, "request", err)
	}
	if err := guard(req.Method, func() error { return method(ctx, res.MetaData) }); err != nil {
		return fail(res, "method", err)
	}
	res.OK = true
	return res
}

// exitWithParent ends the runner when the host that started it dies (it is re-parented), so a hung
// plugin never outlives its host; the host reports that operation as interrupted on restart.
func exitWithParent() {
	parent := os.Getppid()
	go func() {
		for {
			time.Sleep(500 * time.Millisecond)
			if os.Getppid() != parent {
				fmt.Fprintln(os.Stderr, "runner: the host process exited; stopping")
				os.Exit(3)
			}
		}
	}()
}

func fail(res result, stage string, err error) result {
	res.OK = false
	res.Stage = stage
	res.Error = err.Error()
	if p, ok := err.(*panicError); ok {
		res.Panic = &p.report
	}
	return res
}

// guard turns a panic in plugin code called on this goroutine into a *panicError with its stack.
func guard(name string, call func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &panicError{name: name, report: panicReport{Value: fmt.Sprint(r), Stack: string(debug.Stack())}}
		}
	}()
	return call()
}

// packageOf names the Go package a plugin symbol's function is in ("example.com/my-plugin"), from the
// function's symbol name ("example.com/my-plugin.NewManager"); "" when it is not a function.
func packageOf(symbol any) string {
	value := reflect.ValueOf(symbol)
	if value.Kind() != reflect.Func {
		return ""
	}
	fn := runtime.FuncForPC(value.Pointer())
	if fn == nil {
		return ""
	}
	name := fn.Name()
	slash := strings.LastIndex(name, "/")
	if dot := strings.Index(name[slash+1:], "."); dot >= 0 {
		return name[:slash+1+dot]
	}
	return name
}

func lifecycleMethod(m base.IManager, name string) (func(context.Context, base.MetaData) error, error) {
	switch name {
	case "install":
		return m.Install, nil
	case "uninstall":
		return m.Uninstall, nil
	case "sleep":
		return m.Sleep, nil
	case "resume":
		return m.Resume, nil
	}
	return nil, fmt.Errorf("unknown method %q", name)
}

func restConfig(req request, logger logr.Logger) (*rest.Config, error) {
	if req.Kubeconfig == "" {
		logger.Info("no kubeconfig given: the plugin gets an empty rest.Config that points at no cluster")
		return &rest.Config{}, nil
	}
	rules := &clientcmd.ClientConfigLoadingRules{ExplicitPath: req.Kubeconfig}
	if paths := filepath.SplitList(req.Kubeconfig); len(paths) > 1 {
		// A $KUBECONFIG-style list: merged like kubectl does.
		rules = &clientcmd.ClientConfigLoadingRules{Precedence: paths}
	}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: req.Context}
	config, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("failed to load kubeconfig %q (context %q): %w", req.Kubeconfig, req.Context, err)
	}
	return config, nil
}

func applyGoTypes(config map[string]any, goTypes map[string]string) map[string]any {
	if config == nil {
		config = map[string]any{}
	}
	for alias, goType := range goTypes {
		switch value := config[alias].(type) {
		case float64:
			if goType == "int" {
				config[alias] = int(value)
			}
		case []any:
			if goType == "[]string" {
				list := make([]string, 0, len(value))
				for _, item := range value {
					list = append(list, fmt.Sprint(item))
				}
				config[alias] = list
			}
		case nil:
			if goType == "[]string" {
				config[alias] = []string(nil)
			}
		}
	}
	return config
}
