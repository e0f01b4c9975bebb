package main

import (
	"encoding/json"

	"sigs.k8s.io/yaml"
)

// judgeRawDecode is a resource embedded in a Module (`spec.source.raw`), end to end: kubectl turns the Module YAML
// into JSON (YAML 1.1), the API server keeps `raw` as JSON (runtime.RawExtension), the operator converts it back
// with sigs.k8s.io/yaml JSONToYAML (readModuleFromRaw) and then reads it like any resource (judgeSpecDecode).
func judgeRawDecode(text string) map[string]any {
	raw, err := yaml.YAMLToJSON([]byte(text))
	if err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	var module struct {
		Spec struct {
			Source struct {
				Raw json.RawMessage `json:"raw"`
			} `json:"source"`
		} `json:"spec"`
	}
	if err := json.Unmarshal(raw, &module); err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	if len(module.Spec.Source.Raw) == 0 {
		return map[string]any{"ok": false, "error": "no spec.source.raw"}
	}
	resourceYAML, err := yaml.JSONToYAML(module.Spec.Source.Raw)
	if err != nil {
		return map[string]any{"ok": false, "error": "failed to convert raw JSON to YAML: " + err.Error()}
	}
	return judgeSpecDecode(string(resourceYAML))
}
