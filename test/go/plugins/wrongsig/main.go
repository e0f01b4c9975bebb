// A plugin whose NewManager has the wrong signature (no logger, no rest.Config).
package main

import (
	"context"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

func NewManager(_ context.Context, _ map[string]any) (base.IManager, error) {
	return nil, nil
}

func main() {}
