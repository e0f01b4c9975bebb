// The Go oracle: the verdicts of the real Go libraries the Forkspacer operator calls, one JSON line per case.
//
// Reads JSON-lines cases on stdin, writes one JSON-lines verdict per case on stdout, in order:
//
//	{"id":1,"kind":"constraint","constraint":">= 0.1, < 1","versions":["0.1.7"]}
//	{"id":2,"kind":"regex","pattern":"^a+$","subjects":["aaa"]}
//	{"id":3,"kind":"moduleYaml","yaml":"apiVersion: ...\nspec:\n  config:\n    a: yes\n"}
//	{"id":4,"kind":"specDecode","yaml":"kind: Custom\nconfig:\n- type: integer\n  spec: {min: 2.5}\n..."}
//	{"id":5,"kind":"rawDecode","yaml":"kind: Module\nspec:\n  source:\n    raw:\n      kind: Custom\n..."}
//
// Each kind calls exactly what the operator (v0.1.x, pkg/resources; go.mod: Masterminds/semver/v3 v3.4.0,
// go.yaml.in/yaml/v3 v3.0.4, sigs.k8s.io/yaml v1.6.0 as kubectl 0.34 uses it) calls; nothing here re-implements a rule.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

type oracleCase struct {
	ID         int      `json:"id"`
	Kind       string   `json:"kind"`
	Constraint string   `json:"constraint"`
	Versions   []string `json:"versions"`
	Pattern    string   `json:"pattern"`
	Subjects   []string `json:"subjects"`
	YAML       string   `json:"yaml"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var c oracleCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintf(os.Stderr, "oracle: bad case line: %v\n", err)
			os.Exit(2)
		}
		if err := enc.Encode(judge(c)); err != nil {
			fmt.Fprintf(os.Stderr, "oracle: case %d: cannot encode verdict: %v\n", c.ID, err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "oracle: reading stdin: %v\n", err)
		os.Exit(2)
	}
}

func judge(c oracleCase) map[string]any {
	var v map[string]any
	switch c.Kind {
	case "constraint":
		v = judgeConstraint(c.Constraint, c.Versions)
	case "regex":
		v = judgeRegex(c.Pattern, c.Subjects)
	case "moduleYaml":
		v = judgeModuleYAML(c.YAML)
	case "specDecode":
		v = judgeSpecDecode(c.YAML)
	case "rawDecode":
		v = judgeRawDecode(c.YAML)
	default:
		v = map[string]any{"ok": false, "error": "oracle: unknown case kind " + c.Kind}
	}
	v["id"] = c.ID
	return v
}
