// A plugin whose Install never returns. With config respectContext=true it returns when the context
// is cancelled (SIGTERM path); otherwise it ignores the context and must be killed (SIGKILL path).
package main

import (
	"context"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

func NewManager(_ context.Context, logger logr.Logger, _ *rest.Config, config map[string]any) (base.IManager, error) {
	return hanging{log: logger, respectContext: config["respectContext"] == true}, nil
}

type hanging struct {
	log            logr.Logger
	respectContext bool
}

func (h hanging) Install(ctx context.Context, _ base.MetaData) error {
	h.log.Info("install started, hanging")
	if h.respectContext {
		<-ctx.Done()
		h.log.Info("context cancelled, returning")
		return ctx.Err()
	}
	for {
		time.Sleep(time.Hour)
	}
}
func (hanging) Uninstall(context.Context, base.MetaData) error { return nil }
func (hanging) Sleep(context.Context, base.MetaData) error     { return nil }
func (hanging) Resume(context.Context, base.MetaData) error    { return nil }

func main() {}
