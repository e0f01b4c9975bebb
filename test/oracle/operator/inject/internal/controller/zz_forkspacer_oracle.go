// Injected by the extension's oracle (test/oracle/operator) into a temporary copy of the operator's module, never
// into the operator's repository: it only exposes the controller's unexported reading of a Module's source and its
// newManager callbacks, so the oracle calls the operator's own code.
package controller

import (
	"context"
	"io"

	batchv1 "github.com/forkspacer/forkspacer/api/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// OracleReadModuleLocation is readModuleLocation followed by io.ReadAll, as installModule does.
func OracleReadModuleLocation(ctx context.Context, c client.Client, source batchv1.ModuleSource) ([]byte, error) {
	r := &ModuleReconciler{Client: c}
	reader, err := r.readModuleLocation(ctx, source)
	if err != nil {
		return nil, err
	}
	if reader == nil {
		return nil, nil
	}
	return io.ReadAll(reader)
}

// OracleHelmReleaseName is the release name newManager gives a new Helm module.
func OracleHelmReleaseName(module batchv1.Module) string { return newHelmReleaseNameFromModule(module) }
