package main

import (
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"
)

// The shapes below are the operator's (v0.1.x pkg/resources: BaseResource, ObjectMeta, ConfigItem and the
// per-type specs), plain structs with the same yaml tags, no logic. The operator reads a resource with
// go.yaml.in/yaml/v3 (ReadResource); then each config item's generic `spec` is re-marshalled with the same library
// and unmarshalled into the typed struct of its `type` (validatorFactories). That round trip is what decides what is
// refused: floats truncate into ints, any scalar reads into a string, y/yes/on/... into a bool, a timestamp becomes
// RFC 3339 text, nulls drop out of []string.

type resourceShape struct {
	Kind     string            `yaml:"kind"`
	Metadata metadataShape     `yaml:"metadata"`
	Config   []configItemShape `yaml:"config"`
}

type metadataShape struct {
	Name                     string `yaml:"name"`
	Version                  string `yaml:"version"`
	SupportedOperatorVersion string `yaml:"supportedOperatorVersion"`
}

type configItemShape struct {
	Type  string `yaml:"type"`
	Name  string `yaml:"name"`
	Alias string `yaml:"alias"`
	Spec  any    `yaml:"spec"`
}

type stringSpec struct {
	Required bool   `yaml:"required"`
	Default  string `yaml:"default"`
	Regex    string `yaml:"regex"`
	Editable bool   `yaml:"editable"`
}

type integerSpec struct {
	Required bool `yaml:"required"`
	Default  int  `yaml:"default"`
	Min      *int `yaml:"min"`
	Max      *int `yaml:"max"`
	Editable bool `yaml:"editable"`
}

type floatSpec struct {
	Required bool     `yaml:"required"`
	Default  float64  `yaml:"default"`
	Min      *float64 `yaml:"min"`
	Max      *float64 `yaml:"max"`
	Editable bool     `yaml:"editable"`
}

type booleanSpec struct {
	Required bool `yaml:"required"`
	Default  bool `yaml:"default"`
	Editable bool `yaml:"editable"`
}

type optionSpec struct {
	Required bool     `yaml:"required"`
	Default  string   `yaml:"default"`
	Values   []string `yaml:"values"`
	Editable bool     `yaml:"editable"`
}

type multipleOptionsSpec struct {
	Required bool     `yaml:"required"`
	Default  []string `yaml:"default"`
	Values   []string `yaml:"values"`
	Min      *int     `yaml:"min"`
	Max      *int     `yaml:"max"`
	Editable bool     `yaml:"editable"`
}

// judgeSpecDecode decodes a resource definition and reports, per config item, whether its spec decodes into the
// typed struct of its type and the decoded fields.
func judgeSpecDecode(text string) map[string]any {
	var resource resourceShape
	if err := yaml.Unmarshal([]byte(text), &resource); err != nil {
		return map[string]any{"ok": false, "error": "failed to read module type: " +
			"failed to unmarshal YAML data into resource of type resources.BaseResource: " + err.Error()}
	}
	items := make([]any, len(resource.Config))
	for i, item := range resource.Config {
		items[i] = decodeItemSpec(item)
	}
	return map[string]any{"ok": true, "items": items}
}

func decodeItemSpec(item configItemShape) map[string]any {
	raw, err := yaml.Marshal(item.Spec)
	if err != nil {
		return map[string]any{"ok": false, "error": "marshal: " + err.Error()}
	}
	var fields map[string]any
	switch item.Type {
	case "string":
		var s stringSpec
		err = yaml.Unmarshal(raw, &s)
		fields = map[string]any{"required": s.Required, "default": s.Default, "regex": s.Regex, "editable": s.Editable}
	case "integer":
		var s integerSpec
		err = yaml.Unmarshal(raw, &s)
		fields = map[string]any{"required": s.Required, "default": s.Default, "min": s.Min, "max": s.Max, "editable": s.Editable}
	case "float":
		var s floatSpec
		err = yaml.Unmarshal(raw, &s)
		fields = map[string]any{"required": s.Required, "default": jsonFloat(&s.Default), "min": jsonFloat(s.Min),
			"max": jsonFloat(s.Max), "editable": s.Editable}
	case "boolean":
		var s booleanSpec
		err = yaml.Unmarshal(raw, &s)
		fields = map[string]any{"required": s.Required, "default": s.Default, "editable": s.Editable}
	case "option":
		var s optionSpec
		err = yaml.Unmarshal(raw, &s)
		fields = map[string]any{"required": s.Required, "default": s.Default, "values": s.Values, "editable": s.Editable}
	case "multiple-options":
		var s multipleOptionsSpec
		err = yaml.Unmarshal(raw, &s)
		fields = map[string]any{"required": s.Required, "default": s.Default, "values": s.Values, "min": s.Min,
			"max": s.Max, "editable": s.Editable}
	default:
		return map[string]any{"ok": false, "error": fmt.Sprintf("unregistered field type: %s", item.Type)}
	}
	if err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	return map[string]any{"ok": true, "spec": fields}
}

// jsonFloat keeps non-finite floats printable (encoding/json refuses them).
func jsonFloat(f *float64) any {
	switch {
	case f == nil:
		return nil
	case math.IsNaN(*f):
		return ".nan"
	case math.IsInf(*f, 1):
		return ".inf"
	case math.IsInf(*f, -1):
		return "-.inf"
	}
	return *f
}
