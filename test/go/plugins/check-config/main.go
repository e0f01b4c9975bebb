// A plugin whose config assertions panic for what the operator passes (resource.yaml in this folder), each way
// the operator's types differ from a guess, next to the safe forms, which plugin check accepts.
package main

import (
	"context"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

type Plugin struct {
	log    logr.Logger
	config map[string]any
}

func NewManager(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error) {
	replicas := config["replicas"].(int)   // panics when a Module sets replicas (float64)
	ratio := config["ratio"].(int)         // always panics: a float is float64, set or defaulted
	workers := config["workers"].(float64) // panics when the default (an int) applies
	tags := config["tags"].([]string)      // panics when a Module sets tags ([]interface {})
	features := config["features"].([]any) // panics when the default ([]string) applies
	timeout := config["timeout"].(string)  // always panics: no item has that alias
	count := config["count"]
	n := count.(int)                           // panics: count is required, so always a float64
	mode := config["mode"].(string)            // safe: an option is a string either way
	debug := config["debug"].(bool)            // safe
	if r, ok := config["replicas"].(int); ok { // safe: comma-ok
		replicas = r
	}
	switch v := config["replicas"].(type) { // safe: a type switch
	case float64:
		replicas = int(v)
	case int:
		replicas = v
	}
	logger.Info("config", "replicas", replicas, "ratio", ratio, "workers", workers, "tags", tags,
		"features", features, "timeout", timeout, "n", n, "mode", mode, "debug", debug)
	return &Plugin{log: logger, config: config}, nil
}

func (p *Plugin) Install(ctx context.Context, metaData base.MetaData) error {
	level := p.config["level"].(float64) // panics when a Module omits level (the zero value is an int)
	p.log.Info("install", "level", level)
	return nil
}

func (p *Plugin) Uninstall(ctx context.Context, metaData base.MetaData) error { return nil }
func (p *Plugin) Sleep(ctx context.Context, metaData base.MetaData) error     { return nil }
func (p *Plugin) Resume(ctx context.Context, metaData base.MetaData) error    { return nil }

func main() {}
