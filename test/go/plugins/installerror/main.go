// A plugin whose Install returns an error (the module must end up failed with that message).
package main

import (
	"context"
	"errors"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

func NewManager(_ context.Context, logger logr.Logger, _ *rest.Config, _ map[string]any) (base.IManager, error) {
	return failing{log: logger}, nil
}

type failing struct{ log logr.Logger }

func (f failing) Install(_ context.Context, metaData base.MetaData) error {
	metaData["attempted"] = true
	f.log.Error(errors.New("connection refused"), "cannot reach the database", "host", "db:5432")
	return errors.New("database unreachable: connection refused")
}
func (failing) Uninstall(context.Context, base.MetaData) error { return nil }
func (failing) Sleep(context.Context, base.MetaData) error     { return nil }
func (failing) Resume(context.Context, base.MetaData) error    { return nil }

func main() {}
