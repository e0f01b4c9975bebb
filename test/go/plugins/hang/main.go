// A plugin whose method named by config "hang" (default "install") never returns. With config
// respectContext=true it returns when the context is cancelled (SIGTERM path); otherwise it ignores
// the context and must be killed (SIGKILL path). The other methods succeed at once.
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
	where, _ := config["hang"].(string)
	if where == "" {
		where = "install"
	}
	return hanging{log: logger, where: where, respectContext: config["respectContext"] == true}, nil
}

type hanging struct {
	log            logr.Logger
	where          string
	respectContext bool
}

func (h hanging) Install(ctx context.Context, _ base.MetaData) error {
	return h.maybeHang(ctx, "install")
}
func (h hanging) Uninstall(ctx context.Context, _ base.MetaData) error {
	return h.maybeHang(ctx, "uninstall")
}
func (h hanging) Sleep(ctx context.Context, _ base.MetaData) error { return h.maybeHang(ctx, "sleep") }
func (h hanging) Resume(ctx context.Context, _ base.MetaData) error {
	return h.maybeHang(ctx, "resume")
}

func (h hanging) maybeHang(ctx context.Context, method string) error {
	if method != h.where {
		return nil
	}
	h.log.Info(method + " started, hanging")
	if h.respectContext {
		<-ctx.Done()
		h.log.Info("context cancelled, returning")
		return ctx.Err()
	}
	for {
		time.Sleep(time.Hour)
	}
}

func main() {}
