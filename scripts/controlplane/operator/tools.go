//go:build tools

// Keeps the operator's module and the packages test plugins import in go.mod/go.sum (issue 9).
package tools

import (
	_ "github.com/forkspacer/forkspacer/pkg/manager/base"
	_ "k8s.io/client-go/kubernetes"
)
