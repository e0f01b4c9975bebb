// The operator oracle: the verdict a user meets when applying a file with kubectl to a cluster running the
// Forkspacer operator v0.1.7, computed by the operator's own code and the Kubernetes libraries its go.mod pins.
//
// It is not built here: test/oracle/operatorOracle.ts copies the operator's module (github.com/forkspacer/forkspacer
// v0.1.7, from the Go module cache) into a temporary folder, puts this package at cmd/forkspacer-oracle and
// inject/internal/controller/*.go into internal/controller, and builds it there, so that internal/ and unexported
// functions are reachable. Nothing of the operator is copied into the extension's repository.
//
// Reads JSON lines on stdin, writes one JSON line per case on stdout, in order:
//
//	{"id":1,"kind":"file","text":"apiVersion: batch.forkspacer.com/v1\nkind: Module\n..."}
//	{"id":2,"kind":"types","text":"<a Module>","plugin":"/tmp/.../types.so"}
//
// A file case may carry the resource documents its Modules point at: "resources" (httpURL → text, answered by the
// HTTP transport) and "configMaps" ("namespace/name" → the text of its module.yaml, in the fake cluster).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

type oracleCase struct {
	ID     int    `json:"id"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Plugin string `json:"plugin"`
	// Resource documents served to the controller for this case.
	Resources  map[string]string `json:"resources"`
	ConfigMaps map[string]string `json:"configMaps"`
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
		var v map[string]any
		switch c.Kind {
		case "file":
			served, servedConfigMaps = c.Resources, c.ConfigMaps
			v = judgeFile(c.Text)
			served, servedConfigMaps = nil, nil
		case "types":
			v = judgeTypes(c.Text, c.Plugin)
		default:
			v = map[string]any{"error": "oracle: unknown case kind " + c.Kind}
		}
		v["id"] = c.ID
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(os.Stderr, "oracle: case %d: cannot encode verdict: %v\n", c.ID, err)
			os.Exit(2)
		}
		out.Flush()
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "oracle: reading stdin: %v\n", err)
		os.Exit(2)
	}
}
