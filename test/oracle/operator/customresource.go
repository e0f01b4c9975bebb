package main

import (
	"context"

	batchv1 "github.com/forkspacer/forkspacer/api/v1"
	webhookv1 "github.com/forkspacer/forkspacer/internal/webhook/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
)

var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	_ = corev1.AddToScheme(s)
	_ = batchv1.AddToScheme(s)
	return s
}()

var codecs = serializer.NewCodecFactory(scheme)

// judgeCustomResource: a Module or Workspace document as kubectl apply sends it (JSON, namespace defaulted), through
// the API server (admit), the validating webhook's ValidateCreate and, for a Module with an inline resource, the
// controller's install path up to NewManager.
func judgeCustomResource(kind string, jsonData []byte) docVerdict {
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(jsonData); err != nil {
		// kubectl's unstructured decoding (a document that is not an object, a kind or apiVersion not a string).
		return refused(kind, "kubectl", err.Error(), err.Error())
	}
	if u.GetName() == "" {
		// kubectl apply looks the object up by name before sending it.
		return refused(kind, "kubectl", "resource name may not be empty", "resource name may not be empty")
	}
	if u.GetNamespace() == "" {
		u.SetNamespace("default") // kubectl: the namespace of the current context, "default" here
	}
	stored, refusal := admit(kind, u)
	if refusal != nil {
		return *refusal
	}
	data, err := stored.MarshalJSON()
	if err != nil {
		return refused(kind, "oracle", err.Error())
	}
	ctx := context.Background()
	if kind == "workspace" {
		var ws batchv1.Workspace
		if err := runtime.DecodeInto(codecs.UniversalDecoder(), data, &ws); err != nil {
			return refused(kind, "webhook", err.Error(), err.Error())
		}
		c := clusterFor(nil, &ws)
		if err := (&webhookv1.WorkspaceCustomDefaulter{Client: c}).Default(ctx, &ws); err != nil {
			return refused(kind, "webhook", err.Error(), innermost(err))
		}
		if _, err := (&webhookv1.WorkspaceCustomValidator{Client: c}).ValidateCreate(ctx, &ws); err != nil {
			return refused(kind, "webhook", err.Error(), statusInner(err)...)
		}
		return docVerdict{Kind: kind, OK: true}
	}
	var module batchv1.Module
	if err := runtime.DecodeInto(codecs.UniversalDecoder(), data, &module); err != nil {
		return refused(kind, "webhook", err.Error(), err.Error())
	}
	c := clusterFor(&module, nil)
	if err := (&webhookv1.ModuleCustomDefaulter{}).Default(ctx, &module); err != nil {
		return refused(kind, "webhook", err.Error(), innermost(err))
	}
	if _, err := (&webhookv1.ModuleCustomValidator{Client: c}).ValidateCreate(ctx, &module); err != nil {
		return refused(kind, "webhook", err.Error(), statusInner(err)...)
	}
	if module.Spec.Source.Raw == nil && !servedSource(module.Spec.Source) {
		// httpURL / configMap whose resource the case does not serve: what the controller does is not judged here.
		return docVerdict{Kind: kind, OK: true, AdmissionOnly: true}
	}
	return judgeInstall(ctx, c, &module, moduleMetaData(u))
}

// clusterFor is a fake cluster in which everything the document refers to exists (the extension cannot know the
// cluster): the Module's workspace, a configMap source with a module.yaml, the Workspace's from-workspace, and a
// kubeconfig secret holding a valid kubeconfig.
func clusterFor(module *batchv1.Module, ws *batchv1.Workspace) client.Client {
	var objs []client.Object
	if module != nil {
		if module.Spec.Workspace.Name != "" {
			objs = append(objs, &batchv1.Workspace{ObjectMeta: metav1.ObjectMeta{
				Name: module.Spec.Workspace.Name, Namespace: module.Spec.Workspace.Namespace,
			}})
		}
		if cm := module.Spec.Source.ConfigMap; cm != nil && cm.Name != "" {
			text, ok := servedConfigMaps[cm.Namespace+"/"+cm.Name]
			if !ok {
				text = "kind: Custom\n"
			}
			objs = append(objs, &corev1.ConfigMap{
				ObjectMeta: metav1.ObjectMeta{Name: cm.Name, Namespace: cm.Namespace},
				Data:       map[string]string{"module.yaml": text},
			})
		}
	}
	if ws != nil {
		if from := ws.Spec.From; from != nil && from.Name != "" {
			objs = append(objs, &batchv1.Workspace{ObjectMeta: metav1.ObjectMeta{Name: from.Name, Namespace: from.Namespace}})
		}
		if ref := ws.Spec.Connection.SecretReference; ref != nil && ref.Name != "" {
			objs = append(objs, &corev1.Secret{
				ObjectMeta: metav1.ObjectMeta{Name: ref.Name, Namespace: ref.Namespace},
				Data:       map[string][]byte{"kubeconfig": []byte(validKubeconfig)},
			})
		}
	}
	return fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).Build()
}

const validKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443"}
users:
- name: u
  user: {token: t}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
`

// servedSource: the source the controller reads (raw, then configMap, then httpURL) is one the case serves.
func servedSource(src batchv1.ModuleSource) bool {
	if src.ConfigMap != nil {
		_, ok := servedConfigMaps[src.ConfigMap.Namespace+"/"+src.ConfigMap.Name]
		return ok
	}
	if src.HttpURL != nil {
		_, ok := served[*src.HttpURL]
		return ok
	}
	return false
}
