// A test plugin for the cluster tests (issue 9): records, in ConfigMap default/rec-<id>, what each call saw — the
// config values with their Go types (as NewManager received them) and the metaData passed in — and fails the
// operation named by config `fail`. Acts only on ConfigMaps (the test cluster has no kubelet). Built from a file
// list against the operator's module versions (test/cluster/harness/plugins.ts).
package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

type typed struct {
	Value any    `json:"value"`
	Type  string `json:"type"`
}

func NewManager(_ context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error) {
	client, err := kubernetes.NewForConfig(kubernetesConfig)
	if err != nil {
		return nil, err
	}
	types := map[string]typed{}
	for k, v := range config {
		types[k] = typed{Value: v, Type: fmt.Sprintf("%T", v)}
	}
	id, _ := config["id"].(string)
	return &recorder{log: logger, client: client, config: config, types: types, id: id}, nil
}

type recorder struct {
	log    logr.Logger
	client kubernetes.Interface
	config map[string]any
	types  map[string]typed
	id     string
}

func (r *recorder) record(ctx context.Context, op string, metaData base.MetaData) error {
	entry, err := json.Marshal(map[string]any{"op": op, "config": r.types, "metaData": metaData})
	if err != nil {
		return err
	}
	maps := r.client.CoreV1().ConfigMaps("default")
	name := "rec-" + r.id
	cm, err := maps.Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		cm = &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}, Data: map[string]string{}}
		cm.Data["00-"+op] = string(entry)
		_, err = maps.Create(ctx, cm, metav1.CreateOptions{})
		return err
	}
	if err != nil {
		return err
	}
	if cm.Data == nil {
		cm.Data = map[string]string{}
	}
	cm.Data[fmt.Sprintf("%02d-%s", len(cm.Data), op)] = string(entry)
	_, err = maps.Update(ctx, cm, metav1.UpdateOptions{})
	return err
}

func (r *recorder) step(ctx context.Context, op string, metaData base.MetaData) error {
	if err := r.record(ctx, op, metaData); err != nil {
		return fmt.Errorf("recorder %s: cannot record: %w", r.id, err)
	}
	if r.config["fail"] == op {
		return fmt.Errorf("recorder %s: %s refused on purpose", r.id, op)
	}
	if op == "install" {
		metaData["installedId"] = r.id
	}
	n, _ := metaData["calls"].(float64)
	metaData["calls"] = n + 1
	metaData["last"] = op
	r.log.Info("recorded", "op", op, "id", r.id)
	return nil
}

func (r *recorder) Install(ctx context.Context, metaData base.MetaData) error {
	return r.step(ctx, "install", metaData)
}

func (r *recorder) Sleep(ctx context.Context, metaData base.MetaData) error {
	return r.step(ctx, "sleep", metaData)
}

func (r *recorder) Resume(ctx context.Context, metaData base.MetaData) error {
	return r.step(ctx, "resume", metaData)
}

func (r *recorder) Uninstall(ctx context.Context, metaData base.MetaData) error {
	return r.step(ctx, "uninstall", metaData)
}

func main() {}
