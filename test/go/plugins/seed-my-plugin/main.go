// The seed's plugins/my-plugin/main.go ("Creating a Plugin from Scratch", step 3), as written there. It compiles,
// but `config["replicas"].(int)` panics for every Module: replicas is required, so a Module always sets it, and a
// Module's number arrives as a float64.
package main

import (
	"context"
	"fmt"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

// Ensure the plugin implements the required interface
var _ base.NewCustomManagerT = NewManager

// NewManager is the required constructor function
func NewManager(
	ctx context.Context,
	logger logr.Logger,
	kubernetesConfig *rest.Config,
	config map[string]any,
) (base.IManager, error) {
	// Create Kubernetes clients
	kubernetesClient, err := kubernetes.NewForConfig(kubernetesConfig)
	if err != nil {
		return nil, fmt.Errorf("failed to create kubernetes client: %w", err)
	}

	dynamicClient, err := dynamic.NewForConfig(kubernetesConfig)
	if err != nil {
		return nil, fmt.Errorf("failed to create dynamic client: %w", err)
	}

	// Extract configuration values
	namespace := config["namespace"].(string)
	appName := config["appName"].(string)
	replicas := int32(config["replicas"].(int))

	logger.Info("Initializing my-plugin",
		"namespace", namespace,
		"appName", appName,
		"replicas", replicas,
	)

	return &MyPlugin{
		logger:        logger,
		k8sClient:     kubernetesClient,
		dynamicClient: dynamicClient,
		namespace:     namespace,
		appName:       appName,
		replicas:      replicas,
	}, nil
}

type MyPlugin struct {
	logger        logr.Logger
	k8sClient     *kubernetes.Clientset
	dynamicClient dynamic.Interface
	namespace     string
	appName       string
	replicas      int32
}

func (plugin *MyPlugin) Install(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Installing application",
		"namespace", plugin.namespace,
		"appName", plugin.appName,
	)

	// Create namespace if it doesn't exist
	_, err := plugin.k8sClient.CoreV1().Namespaces().Get(ctx, plugin.namespace, metav1.GetOptions{})
	if err != nil {
		plugin.logger.Info("Creating namespace", "namespace", plugin.namespace)
		_, err = plugin.k8sClient.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{
			ObjectMeta: metav1.ObjectMeta{
				Name: plugin.namespace,
			},
		}, metav1.CreateOptions{})
		if err != nil {
			return fmt.Errorf("failed to create namespace: %w", err)
		}
	}

	// Create a deployment using dynamic client
	deployment := &unstructured.Unstructured{
		Object: map[string]interface{}{
			"apiVersion": "apps/v1",
			"kind":       "Deployment",
			"metadata": map[string]interface{}{
				"name":      plugin.appName,
				"namespace": plugin.namespace,
			},
			"spec": map[string]interface{}{
				"replicas": plugin.replicas,
				"selector": map[string]interface{}{
					"matchLabels": map[string]interface{}{
						"app": plugin.appName,
					},
				},
				"template": map[string]interface{}{
					"metadata": map[string]interface{}{
						"labels": map[string]interface{}{
							"app": plugin.appName,
						},
					},
					"spec": map[string]interface{}{
						"containers": []interface{}{
							map[string]interface{}{
								"name":  plugin.appName,
								"image": "nginx:latest",
								"ports": []interface{}{
									map[string]interface{}{
										"containerPort": 80,
									},
								},
							},
						},
					},
				},
			},
		},
	}

	deploymentRes := schema.GroupVersionResource{
		Group:    "apps",
		Version:  "v1",
		Resource: "deployments",
	}

	_, err = plugin.dynamicClient.Resource(deploymentRes).Namespace(plugin.namespace).Create(
		ctx, deployment, metav1.CreateOptions{},
	)
	if err != nil {
		return fmt.Errorf("failed to create deployment: %w", err)
	}

	plugin.logger.Info("Installation completed successfully")
	return nil
}

func (plugin *MyPlugin) Uninstall(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Uninstalling application", "namespace", plugin.namespace)

	deploymentRes := schema.GroupVersionResource{
		Group:    "apps",
		Version:  "v1",
		Resource: "deployments",
	}

	err := plugin.dynamicClient.Resource(deploymentRes).Namespace(plugin.namespace).Delete(
		ctx, plugin.appName, metav1.DeleteOptions{},
	)
	if err != nil {
		plugin.logger.Error(err, "Failed to delete deployment")
		return fmt.Errorf("failed to delete deployment: %w", err)
	}

	plugin.logger.Info("Uninstallation completed successfully")
	return nil
}

func (plugin *MyPlugin) Sleep(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Hibernating application")

	deploymentRes := schema.GroupVersionResource{
		Group:    "apps",
		Version:  "v1",
		Resource: "deployments",
	}

	// Scale deployment to 0
	deployment, err := plugin.dynamicClient.Resource(deploymentRes).Namespace(plugin.namespace).Get(
		ctx, plugin.appName, metav1.GetOptions{},
	)
	if err != nil {
		return fmt.Errorf("failed to get deployment: %w", err)
	}

	unstructured.SetNestedField(deployment.Object, int64(0), "spec", "replicas")

	_, err = plugin.dynamicClient.Resource(deploymentRes).Namespace(plugin.namespace).Update(
		ctx, deployment, metav1.UpdateOptions{},
	)
	if err != nil {
		return fmt.Errorf("failed to scale down deployment: %w", err)
	}

	plugin.logger.Info("Hibernation completed successfully")
	return nil
}

func (plugin *MyPlugin) Resume(ctx context.Context, metaData base.MetaData) error {
	plugin.logger.Info("Resuming application")

	deploymentRes := schema.GroupVersionResource{
		Group:    "apps",
		Version:  "v1",
		Resource: "deployments",
	}

	// Scale deployment back to original replicas
	deployment, err := plugin.dynamicClient.Resource(deploymentRes).Namespace(plugin.namespace).Get(
		ctx, plugin.appName, metav1.GetOptions{},
	)
	if err != nil {
		return fmt.Errorf("failed to get deployment: %w", err)
	}

	unstructured.SetNestedField(deployment.Object, int64(plugin.replicas), "spec", "replicas")

	_, err = plugin.dynamicClient.Resource(deploymentRes).Namespace(plugin.namespace).Update(
		ctx, deployment, metav1.UpdateOptions{},
	)
	if err != nil {
		return fmt.Errorf("failed to scale up deployment: %w", err)
	}

	plugin.logger.Info("Resume completed successfully")
	return nil
}

// Required empty main function for Go plugins
func main() {}
