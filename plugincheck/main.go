// Command plugincheck analyses the source of a Forkspacer Go plugin with the Go toolchain's own libraries
// (go/packages, go/types, golang.org/x/tools/go/analysis) and prints what the operator v0.1.x would do with it:
// whether `NewManager` has the type `pkg/manager/custom.go` asserts, whether the manager it returns has the four
// IManager methods, which type assertions on the `config` map panic for the values the operator passes, every
// compile error, and the packages (with their modules) the plugin links, for the module-version check the caller
// does against the operator's own build.
//
// The host builds it on demand (host/src/pluginCheck/checkerBuild.ts), like the runner. Input on stdin (JSON):
//
//	{"dir": "/path/to/plugin", "config": {"replicas": {"itemType": "integer", "cases": [{"goType": "float64", "when": "..."}]}}}
//
// `config` null means no resource definition is known: the config checks are skipped. Output on stdout: one JSON
// object (see report). It never fails on a broken plugin: errors are part of the report.
package main

import (
	"encoding/json"
	"fmt"
	"go/token"
	"os"
	"regexp"
	"strconv"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// basePackage is where the operator declares NewCustomManagerT and IManager.
const basePackage = "github.com/forkspacer/forkspacer/pkg/manager/base"

type configCase struct {
	GoType string `json:"goType"` // "float64", "int", "string", "bool", "[]interface {}", "[]string", "nil"
	When   string `json:"when"`   // "a Module sets replicas", ...
}

type configItem struct {
	ItemType string       `json:"itemType"` // the resource's item type: integer, float, string, ...
	Cases    []configCase `json:"cases"`
}

type input struct {
	Dir    string                `json:"dir"`
	Config map[string]configItem `json:"config"`
}

type finding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"` // error | warning
	File     string `json:"file"`
	Line     int    `json:"line"` // 1-based
	Col      int    `json:"col"`  // 1-based, in bytes
	EndLine  int    `json:"endLine"`
	EndCol   int    `json:"endCol"`
	Message  string `json:"message"`
}

type linkedPackage struct {
	Path    string `json:"path"`
	Module  string `json:"module"`
	Version string `json:"version"`
	// Replace is the replacement's version or local path when the plugin's go.mod replaces the module.
	Replace string `json:"replace,omitempty"`
	Main    bool   `json:"main,omitempty"`
}

type report struct {
	PackageName string          `json:"packageName"`
	Findings    []finding       `json:"findings"`
	Packages    []linkedPackage `json:"packages"`
	// Fatal is set when nothing could be loaded at all (no go.mod, go missing, ...).
	Fatal string `json:"fatal,omitempty"`
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fail(fmt.Sprintf("plugincheck: bad input: %v", err))
	}
	out := run(in)
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fail(err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(2)
}

func run(in input) report {
	out := report{Findings: []finding{}, Packages: []linkedPackage{}}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes,
		Dir: in.Dir,
		// The operator is built with CGO_ENABLED=1 (its Dockerfile), and plugins need cgo: load the files that build.
		Env:   append(os.Environ(), "CGO_ENABLED=1"),
		Tests: false,
	}
	pkgs, err := packages.Load(cfg, ".", basePackage)
	if err != nil {
		out.Fatal = err.Error()
		return out
	}
	var root, base *packages.Package
	for _, p := range pkgs {
		if p.PkgPath == basePackage {
			base = p
		} else if root == nil {
			root = p
		}
	}
	if root == nil {
		out.Fatal = "no Go package in " + in.Dir
		return out
	}
	out.PackageName = root.Name
	fset := root.Fset

	// Compile errors of the plugin's own package (list, parse and type errors), each where Go puts it.
	seen := map[string]bool{}
	packages.Visit([]*packages.Package{root}, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			f := errorFinding(e, p == root)
			key := f.File + ":" + fmt.Sprint(f.Line) + ":" + f.Message
			if !seen[key] {
				seen[key] = true
				out.Findings = append(out.Findings, f)
			}
		}
	})

	// Every package the plugin links, with its module, for the version check against the operator's build.
	packages.Visit([]*packages.Package{root}, nil, func(p *packages.Package) {
		if p.Module == nil {
			return // the standard library
		}
		lp := linkedPackage{Path: p.PkgPath, Module: p.Module.Path, Version: p.Module.Version, Main: p.Module.Main}
		if r := p.Module.Replace; r != nil {
			lp.Replace = r.Version
			if lp.Replace == "" {
				lp.Replace = r.Path
			}
		}
		out.Packages = append(out.Packages, lp)
	})
	// Visit is post-order (dependencies first), about the order the linker lays packages out and plugin.Open checks them.

	if root.Name != "main" && root.Name != "" && len(root.Syntax) > 0 {
		out.Findings = append(out.Findings, at(fset, root.Syntax[0].Name.Pos(), root.Syntax[0].Name.End(), finding{
			Code: "plugin-not-main", Severity: "error",
			Message: fmt.Sprintf("package %s: go build -buildmode=plugin needs package main (with an empty func main)", root.Name),
		}))
	}
	if root.Types == nil || root.TypesInfo == nil || len(root.Syntax) == 0 {
		return out
	}

	graph, err := checker.Analyze(analyzers(base, in.Config), []*packages.Package{root}, &checker.Options{Sequential: true})
	if err != nil {
		out.Findings = append(out.Findings, finding{Code: "plugin-check-failed", Severity: "error", Message: err.Error()})
		return out
	}
	for _, act := range graph.Roots {
		if act.Err != nil {
			out.Findings = append(out.Findings, finding{Code: "plugin-check-failed", Severity: "error",
				Message: fmt.Sprintf("%s: %v", act.Analyzer.Name, act.Err)})
		}
		for _, d := range act.Diagnostics {
			code, severity := splitCategory(d.Category)
			out.Findings = append(out.Findings, at(fset, d.Pos, d.End, finding{Code: code, Severity: severity, Message: d.Message}))
		}
	}
	return out
}

// splitCategory reads the "severity:code" the analyzers put into Diagnostic.Category.
func splitCategory(category string) (code, severity string) {
	for i := 0; i < len(category); i++ {
		if category[i] == ':' {
			return category[i+1:], category[:i]
		}
	}
	return category, "error"
}

func at(fset *token.FileSet, pos, end token.Pos, f finding) finding {
	if !pos.IsValid() {
		return f
	}
	p := fset.Position(pos)
	f.File, f.Line, f.Col = p.Filename, p.Line, p.Column
	f.EndLine, f.EndCol = p.Line, p.Column
	if end.IsValid() {
		e := fset.Position(end)
		f.EndLine, f.EndCol = e.Line, e.Column
	}
	return f
}

var errorPos = regexp.MustCompile(`^(.*?):(\d+)(?::(\d+))?$`)

func errorFinding(e packages.Error, own bool) finding {
	f := finding{Code: "go-compile", Severity: "error", Message: e.Msg}
	if e.Kind == packages.ListError {
		f.Code = "go-list"
	}
	if !own {
		f.Message = "in a dependency: " + e.Msg
	}
	// e.Pos is "file:line:col", "file:line" or "" (go list errors).
	if m := errorPos.FindStringSubmatch(e.Pos); m != nil {
		f.File = m[1]
		f.Line, _ = strconv.Atoi(m[2])
		f.Col = 1
		if m[3] != "" {
			f.Col, _ = strconv.Atoi(m[3])
		}
		f.EndLine, f.EndCol = f.Line, f.Col
	}
	return f
}
