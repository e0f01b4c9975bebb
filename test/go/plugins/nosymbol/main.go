// A plugin that exports no NewManager (a typo in the constructor's name).
package main

import (
	"context"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

func NewManagr(_ context.Context) (base.IManager, error) {
	return nil, nil
}

func main() {}
