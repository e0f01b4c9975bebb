// A plugin the operator v0.1.7 loads and runs: the operator's versions, NewManager of the exact type, all four
// methods, and config reads that accept every type the operator passes (resource.yaml in this folder).
package main

import (
	"context"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

type Plugin struct {
	log      logr.Logger
	replicas int
	tags     []string
}

func NewManager(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error) {
	p := &Plugin{log: logger}
	switch v := config["replicas"].(type) {
	case float64: // set in a Module (JSON)
		p.replicas = int(v)
	case int: // the default
		p.replicas = v
	}
	switch v := config["tags"].(type) {
	case []string: // the default
		p.tags = v
	case []any: // set in a Module
		for _, e := range v {
			s, _ := e.(string)
			p.tags = append(p.tags, s)
		}
	}
	ratio := config["ratio"].(float64) // a float is a float64, set or defaulted
	name := config["name"].(string)
	logger.Info("config", "replicas", p.replicas, "tags", p.tags, "ratio", ratio, "name", name)
	return p, nil
}

func (p *Plugin) Install(ctx context.Context, metaData base.MetaData) error   { return nil }
func (p *Plugin) Uninstall(ctx context.Context, metaData base.MetaData) error { return nil }
func (p *Plugin) Sleep(ctx context.Context, metaData base.MetaData) error     { return nil }
func (p *Plugin) Resume(ctx context.Context, metaData base.MetaData) error    { return nil }

func main() {}
