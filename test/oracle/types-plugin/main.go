// A plugin whose NewManager refuses with the Go type (%T) of every config value it receives, as
// "forkspacer-types:{json}". test/oracle/goTypes.test.ts runs it through the operator's own
// manager.NewModuleCustomManager (in the operator oracle) and through the embedded host, and compares.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

func NewManager(_ context.Context, _ logr.Logger, _ *rest.Config, config map[string]any) (base.IManager, error) {
	types := make(map[string]string, len(config))
	for k, v := range config {
		types[k] = fmt.Sprintf("%T", v)
	}
	data, err := json.Marshal(types)
	if err != nil {
		return nil, err
	}
	return nil, errors.New("forkspacer-types:" + string(data))
}

func main() {}
