// The seed's "Complete Plugin Example" (custom-resources.txt, plugins/custom-app/main.go), as written there:
// it uses corev1 and errors without importing them, so it does not compile (plugin check reports both).
package main

import (
	"context"
	"fmt"

	"github.com/go-logr/logr"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

// Ensure the plugin implements the interface
var _ base.NewCustomManagerT = NewManager

// NewManager is the required constructor function
func NewManager(
	ctx context.Context,
	logger logr.Logger,
	kubernetesConfig *rest.Config,
	config map[string]any,
) (base.IManager, error) {
	kubernetesClient, err := kubernetes.NewForConfig(kubernetesConfig)
	if err != nil {
		return nil, fmt.Errorf("failed to create kubernetes client: %w", err)
	}

	// Extract configuration values
	environment := config["env"].(string)
	debug := config["debug"].(bool)
	namespace := config["namespace"].(string)

	logger.Info("Initializing plugin",
		"environment", environment,
		"debug", debug,
		"namespace", namespace,
	)

	return &CustomAppPlugin{
		logger:    logger,
		k8sClient: kubernetesClient,
		env:       environment,
		debug:     debug,
		namespace: namespace,
	}, nil
}

type CustomAppPlugin struct {
	logger    logr.Logger
	k8sClient *kubernetes.Clientset
	env       string
	debug     bool
	namespace string
}

func (plugin *CustomAppPlugin) Install(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Installing custom application",
		"environment", plugin.env,
		"namespace", plugin.namespace,
	)

	// Create namespace if it doesn't exist
	_, err := plugin.k8sClient.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{
		ObjectMeta: metav1.ObjectMeta{
			Name: plugin.namespace,
		},
	}, metav1.CreateOptions{})
	if err != nil && !errors.IsAlreadyExists(err) {
		return fmt.Errorf("failed to create namespace: %w", err)
	}

	// Apply base manifests
	plugin.logger.Info("Applying base manifests")
	// ... deployment logic here ...

	// Apply environment-specific configuration
	plugin.logger.Info("Applying environment configuration", "env", plugin.env)
	// ... environment-specific logic ...

	if plugin.debug {
		plugin.logger.Info("Applying debug configuration")
		// ... debug configuration ...
	}

	plugin.logger.Info("Installation completed successfully")
	return nil
}

func (plugin *CustomAppPlugin) Uninstall(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Uninstalling custom application", "namespace", plugin.namespace)

	// Delete resources
	// ... cleanup logic ...

	plugin.logger.Info("Uninstallation completed successfully")
	return nil
}

func (plugin *CustomAppPlugin) Sleep(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Hibernating custom application")

	// Scale down deployments
	// ... hibernation logic ...

	return nil
}

func (plugin *CustomAppPlugin) Resume(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Resuming custom application")

	// Scale up deployments
	// ... resume logic ...

	return nil
}

// Required empty main function for Go plugins
func main() {}
