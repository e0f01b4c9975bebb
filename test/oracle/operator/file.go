package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"

	goyaml "go.yaml.in/yaml/v3"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// docVerdict is one document's verdict: the first stage that refuses it, the whole error and its innermost texts.
type docVerdict struct {
	Kind  string   `json:"kind"`            // module, workspace, custom, helm, other
	OK    bool     `json:"ok"`              // accepted through every stage that applies
	Stage string   `json:"stage,omitempty"` // kubectl, apiserver-decode, apiserver-validate, webhook, controller, resource
	Error string   `json:"error,omitempty"`
	Inner []string `json:"inner,omitempty"` // the innermost message(s) the user reads
	// Controller: the config NewManager receives (JSON) and each value's Go type (%T), when it gets that far.
	Config  map[string]any    `json:"config,omitempty"`
	GoTypes map[string]string `json:"goTypes,omitempty"`
	// Not judged past admission: the resource is not in the document (httpURL, configMap, github).
	AdmissionOnly bool `json:"admissionOnly,omitempty"`
}

// judgeFile: kubectl's split of a file into documents (the YAML reader its YAMLOrJSONDecoder uses), then each
// document through the path its kind takes. kubectl reads every document before applying any: a document that
// cannot be converted to JSON fails the whole apply (fileError), and the others are marked blocked.
func judgeFile(text string) map[string]any {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(strings.NewReader(text)))
	var docs []docVerdict
	fileError := ""
	for {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fileError = err.Error()
			break
		}
		// kubectl skips empty documents (RawExtension trimmed empty or "null").
		if j, err := yaml.YAMLToJSON(chunk); err == nil {
			if t := bytes.TrimSpace(j); len(t) == 0 || string(t) == "null" {
				continue
			}
		}
		v := judgeDocument(chunk)
		if v.Stage == "kubectl" && (v.Kind == "module" || v.Kind == "workspace") && fileError == "" {
			fileError = v.Error
		}
		docs = append(docs, v)
	}
	if docs == nil {
		docs = []docVerdict{}
	}
	return map[string]any{"docs": docs, "fileError": fileError}
}

const apiVersion = "batch.forkspacer.com/v1"

func judgeDocument(chunk []byte) docVerdict {
	jsonData, jsonErr := yaml.YAMLToJSON(chunk)
	kind := classify(chunk, jsonData, jsonErr)
	switch kind {
	case "custom", "helm":
		return judgeResourceDocument(kind, chunk)
	case "module", "workspace":
		if jsonErr != nil {
			return refused(kind, "kubectl", "error converting YAML to JSON: "+jsonErr.Error(), jsonErr.Error())
		}
		return judgeCustomResource(kind, jsonData)
	}
	return docVerdict{Kind: "other", OK: true}
}

var kindLine = regexp.MustCompile(`(?m)^kind:[ \t]*["']?(Custom|Helm|Module|Workspace)["']?[ \t]*(#.*)?$`)

// classify recognises a document as the extension does (common/src/document.ts detectKind): a Module or Workspace
// by apiVersion and kind, a resource definition by kind Custom/Helm with metadata or spec.
func classify(chunk, jsonData []byte, jsonErr error) string {
	var top map[string]any
	if jsonErr == nil {
		_ = yaml.Unmarshal(jsonData, &top)
	}
	if top == nil {
		_ = goyaml.Unmarshal(chunk, &top)
	}
	if top != nil {
		k, _ := top["kind"].(string)
		av, _ := top["apiVersion"].(string)
		if av == apiVersion && (k == "Module" || k == "Workspace") {
			return strings.ToLower(k)
		}
		_, hasMeta := top["metadata"]
		_, hasSpec := top["spec"]
		if (k == "Custom" || k == "Helm") && (hasMeta || hasSpec) {
			return strings.ToLower(k)
		}
		return "other"
	}
	m := kindLine.FindSubmatch(chunk)
	if m == nil {
		return "other"
	}
	k := string(m[1])
	if k == "Custom" || k == "Helm" {
		return strings.ToLower(k)
	}
	if bytes.Contains(chunk, []byte(apiVersion)) {
		return strings.ToLower(k)
	}
	return "other"
}

func refused(kind, stage, message string, inner ...string) docVerdict {
	return docVerdict{Kind: kind, OK: false, Stage: stage, Error: message, Inner: inner}
}

// innermost unwraps an error chain built with %w to its last link (the operator's own words, without the callers'
// prefixes); errors wrapped with %v end the chain where they were formatted.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
