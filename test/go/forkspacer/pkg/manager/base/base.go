// Package base is the plugin contract of the Forkspacer operator (v0.1.x, the Go plugin era):
// the types a plugin's NewManager and IManager must use. Same names, same signatures, same
// methods as github.com/forkspacer/forkspacer/pkg/manager/base at v0.1.7.
package base

import (
	"context"
	"encoding/json"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"
)

// NewCustomManagerT is the type a plugin's exported NewManager function must have.
type NewCustomManagerT func(
	ctx context.Context,
	logger logr.Logger,
	kubernetesConfig *rest.Config,
	config map[string]any,
) (IManager, error)

// MetaData is what the operator keeps between lifecycle calls (annotation forkspacer.com/manager-data).
type MetaData map[string]any

func (metaData MetaData) String() string {
	return string(metaData.JSON())
}

func (metaData MetaData) JSON() []byte {
	data, _ := json.Marshal(metaData)
	return data
}

func (metaData *MetaData) Parse(rawData []byte) error {
	return json.Unmarshal(rawData, metaData)
}

// DecodeToString returns the value under key when it is a string, "" otherwise.
func (metaData MetaData) DecodeToString(key string) string {
	value, ok := metaData[key].(string)
	if !ok {
		return ""
	}
	return value
}

// IManager is the lifecycle a plugin implements.
type IManager interface {
	Install(ctx context.Context, metaData MetaData) error
	Uninstall(ctx context.Context, metaData MetaData) error
	Sleep(ctx context.Context, metaData MetaData) error
	Resume(ctx context.Context, metaData MetaData) error
}
