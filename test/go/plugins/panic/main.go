// A plugin that panics where config "where" says: "newManager", "install" (default) or "goroutine"
// (a panic outside the runner's call, which kills the whole process).
package main

import (
	"context"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

func NewManager(_ context.Context, _ logr.Logger, _ *rest.Config, config map[string]any) (base.IManager, error) {
	where, _ := config["where"].(string)
	if where == "newManager" {
		panic("boom in NewManager")
	}
	return panicking{where: where}, nil
}

type panicking struct{ where string }

func (p panicking) Install(context.Context, base.MetaData) error {
	if p.where == "goroutine" {
		go func() { panic("boom in a goroutine") }()
		time.Sleep(10 * time.Second)
		return nil
	}
	var m map[string]int
	m["x"] = 1 // nil map write: a runtime panic, like a real bug
	return nil
}
func (panicking) Uninstall(context.Context, base.MetaData) error { return nil }
func (panicking) Sleep(context.Context, base.MetaData) error     { return nil }
func (panicking) Resume(context.Context, base.MetaData) error    { return nil }

func main() {}
