package main

import (
	"encoding/json"
	"strings"

	managerCons "github.com/forkspacer/forkspacer/pkg/constants/manager"
	managerBase "github.com/forkspacer/forkspacer/pkg/manager/base"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// typesPlugin, when set, is the .so that manager.NewModuleCustomManager opens instead of downloading repo.file (the
// metaData entry it keeps between calls says the plugin is already on disk).
var typesPlugin string

func moduleMetaData(*unstructured.Unstructured) managerBase.MetaData {
	metaData := make(managerBase.MetaData)
	if typesPlugin != "" {
		metaData[managerCons.CustomMetaDataKeys.PluginFilePath] = typesPlugin
	}
	return metaData
}

// judgeTypes runs a Module (one document) to NewManager with the given plugin, which refuses with the Go type of
// every config value it was given: "forkspacer-types:{json}" (test/oracle/types-plugin).
func judgeTypes(text, plugin string) map[string]any {
	typesPlugin = plugin
	defer func() { typesPlugin = "" }()
	v := judgeFile(text)
	docs, _ := v["docs"].([]docVerdict)
	if len(docs) != 1 {
		return map[string]any{"error": "types: want one document", "verdict": v}
	}
	d := docs[0]
	i := strings.Index(d.Error, "forkspacer-types:")
	if i < 0 {
		return map[string]any{"error": "types: the plugin was not reached", "verdict": d}
	}
	var types map[string]string
	rest := d.Error[i+len("forkspacer-types:"):]
	if err := json.NewDecoder(strings.NewReader(rest)).Decode(&types); err != nil {
		return map[string]any{"error": "types: " + err.Error(), "verdict": d}
	}
	return map[string]any{"types": types}
}
