// NewManager of the right type, but the manager it returns lacks Sleep, and another return hands back a value
// whose methods have pointer receivers. The Makefile turns cgo off and adds -trimpath.
package main

import (
	"context"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

type Incomplete struct{}

func (Incomplete) Install(ctx context.Context, metaData base.MetaData) error   { return nil }
func (Incomplete) Uninstall(ctx context.Context, metaData base.MetaData) error { return nil }
func (Incomplete) Resume(ctx context.Context, metaData base.MetaData) error    { return nil }

type Pointer struct{}

func (*Pointer) Install(ctx context.Context, metaData base.MetaData) error   { return nil }
func (*Pointer) Uninstall(ctx context.Context, metaData base.MetaData) error { return nil }
func (*Pointer) Sleep(ctx context.Context, metaData base.MetaData) error     { return nil }
func (*Pointer) Resume(ctx context.Context, metaData base.MetaData) error    { return nil }

func NewManager(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error) {
	if len(config) == 0 {
		return Pointer{}, nil
	}
	return Incomplete{}, nil
}

func main() {}
