// A plugin that writes metaData in one call and reads it back in the next, logs with key/values,
// prints to stdout (which must not corrupt the runner protocol), and can fail Sleep once to test retry.
package main

import (
	"context"
	"fmt"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

var _ base.NewCustomManagerT = NewManager

func NewManager(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error) {
	logger.Info("config received", "config", config, "replicasType", fmt.Sprintf("%T", config["replicas"]),
		"clusterHost", kubernetesConfig.Host)
	return &plugin{log: logger.WithName("metadata"), config: config}, nil
}

type plugin struct {
	log    logr.Logger
	config map[string]any
}

func count(metaData base.MetaData, key string) int {
	n, _ := metaData[key].(float64)
	return int(n)
}

func (p *plugin) Install(_ context.Context, metaData base.MetaData) error {
	fmt.Println("plain stdout from the plugin")
	metaData["release"] = fmt.Sprintf("%v-release", p.config["name"])
	metaData["calls"] = 1
	p.log.Info("installed", "release", metaData["release"])
	p.log.V(1).Info("debug detail", "step", 1)
	return nil
}

func (p *plugin) Sleep(_ context.Context, metaData base.MetaData) error {
	// Read back what Install wrote (it went through JSON, so numbers are float64 here).
	release := metaData.DecodeToString("release")
	attempts := count(metaData, "sleepAttempts") + 1
	metaData["sleepAttempts"] = attempts
	if p.config["failSleepOnce"] == true && attempts == 1 {
		return fmt.Errorf("scale down of %s failed: simulated outage", release)
	}
	metaData["calls"] = count(metaData, "calls") + 1
	p.log.Info("slept", "release", release, "calls", metaData["calls"])
	return nil
}

func (p *plugin) Resume(_ context.Context, metaData base.MetaData) error {
	metaData["calls"] = count(metaData, "calls") + 1
	p.log.Info("resumed", "release", metaData.DecodeToString("release"), "calls", metaData["calls"])
	return nil
}

func (p *plugin) Uninstall(_ context.Context, metaData base.MetaData) error {
	p.log.Info("uninstalled", "release", metaData.DecodeToString("release"), "calls", count(metaData, "calls"))
	return nil
}

func main() {}
