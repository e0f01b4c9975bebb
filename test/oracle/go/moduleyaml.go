package main

import (
	"encoding/json"

	"sigs.k8s.io/yaml"
)

// judgeModuleYAML is what the operator receives as a Module's spec.config: kubectl turns the YAML into JSON with
// sigs.k8s.io/yaml (YAML 1.1: yes/no/on/off are booleans, 010 is octal, keys become strings), the API server stores
// that JSON, and the operator decodes it with encoding/json into map[string]any (every number a float64).
func judgeModuleYAML(text string) map[string]any {
	raw, err := yaml.YAMLToJSON([]byte(text))
	if err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	config, present := lookup(doc, "spec", "config")
	return map[string]any{"ok": true, "present": present, "config": config}
}

func lookup(value any, keys ...string) (any, bool) {
	for _, key := range keys {
		m, isMap := value.(map[string]any)
		if !isMap {
			return nil, false
		}
		next, found := m[key]
		if !found {
			return nil, false
		}
		value = next
	}
	return value, true
}
