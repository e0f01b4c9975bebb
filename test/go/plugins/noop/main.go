// A plugin that does nothing: the benchmark measures the host's own overhead with it.
package main

import (
	"context"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

func NewManager(context.Context, logr.Logger, *rest.Config, map[string]any) (base.IManager, error) {
	return noop{}, nil
}

type noop struct{}

func (noop) Install(context.Context, base.MetaData) error   { return nil }
func (noop) Uninstall(context.Context, base.MetaData) error { return nil }
func (noop) Sleep(context.Context, base.MetaData) error     { return nil }
func (noop) Resume(context.Context, base.MetaData) error    { return nil }

func main() {}
