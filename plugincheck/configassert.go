package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// analyzers returns the analyzers to run; the config one needs NewManager (for its config parameter).
func analyzers(base *packages.Package, config map[string]configItem) []*analysis.Analyzer {
	nm := newManagerAnalyzer(base)
	if config == nil {
		return []*analysis.Analyzer{nm}
	}
	ca := &analysis.Analyzer{
		Name:             "configassert",
		Doc:              "type assertions on NewManager's config map that panic for what the operator passes",
		RunDespiteErrors: true,
		Requires:         []*analysis.Analyzer{nm, inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			fn, _ := pass.ResultOf[nm].(*types.Func)
			if fn != nil {
				checkConfigAssertions(pass, fn, config)
			}
			return nil, nil
		},
	}
	return []*analysis.Analyzer{nm, ca}
}

// dynamicType is the Go type the operator's value has: a Module's spec.config arrives through encoding/json
// (numbers float64, lists []interface {}), a default is the typed field of the item's spec (int, float64,
// []string, ...), see pkg/resources/config.go ValidateUserInput.
func dynamicType(name string) types.Type {
	switch name {
	case "float64":
		return types.Typ[types.Float64]
	case "int":
		return types.Typ[types.Int]
	case "string":
		return types.Typ[types.String]
	case "bool":
		return types.Typ[types.Bool]
	case "[]interface {}":
		return types.NewSlice(types.NewInterfaceType(nil, nil))
	case "[]string":
		return types.NewSlice(types.Typ[types.String])
	}
	return nil // "nil": absent from the map
}

func checkConfigAssertions(pass *analysis.Pass, fn *types.Func, config map[string]configItem) {
	sig := fn.Type().(*types.Signature)
	if sig.Params().Len() < 4 {
		return
	}
	param := sig.Params().At(3)
	if _, ok := param.Type().Underlying().(*types.Map); !ok {
		return
	}
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	// Objects that hold the config map: the parameter, and variables, struct fields and helper parameters it
	// is copied into (to a fixpoint).
	holders := map[types.Object]bool{param: true}
	objOf := func(e ast.Expr) types.Object {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if o := info.Defs[e]; o != nil {
				return o
			}
			return info.Uses[e]
		case *ast.SelectorExpr:
			return info.Uses[e.Sel]
		}
		return nil
	}
	isHolder := func(e ast.Expr) bool { o := objOf(e); return o != nil && holders[o] }
	for changed := true; changed; {
		changed = false
		add := func(o types.Object) {
			if o != nil && !holders[o] {
				holders[o] = true
				changed = true
			}
		}
		ins.Preorder([]ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)},
			func(n ast.Node) {
				switch n := n.(type) {
				case *ast.AssignStmt:
					if len(n.Lhs) == len(n.Rhs) {
						for i := range n.Rhs {
							if isHolder(n.Rhs[i]) {
								add(objOf(n.Lhs[i]))
							}
						}
					}
				case *ast.ValueSpec:
					if len(n.Names) == len(n.Values) {
						for i := range n.Values {
							if isHolder(n.Values[i]) {
								add(info.Defs[n.Names[i]])
							}
						}
					}
				case *ast.CompositeLit:
					st, ok := typeUnderlying(info.TypeOf(n)).(*types.Struct)
					if !ok {
						return
					}
					for i, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if key, ok := kv.Key.(*ast.Ident); ok && isHolder(kv.Value) {
								add(info.Uses[key])
							}
						} else if i < st.NumFields() && isHolder(el) {
							add(st.Field(i))
						}
					}
				case *ast.CallExpr:
					callee, ok := objOf(n.Fun).(*types.Func)
					if !ok || callee.Pkg() != pass.Pkg {
						return
					}
					csig := callee.Type().(*types.Signature)
					for i, arg := range n.Args {
						if i < csig.Params().Len() && isHolder(arg) {
							add(csig.Params().At(i))
						}
					}
				}
			})
	}

	// keyOf gives the constant key of config[key] when e is such an index expression.
	keyOf := func(e ast.Expr) (string, bool) {
		ix, ok := ast.Unparen(e).(*ast.IndexExpr)
		if !ok || !isHolder(ix.X) {
			return "", false
		}
		tv, ok := info.Types[ix.Index]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(tv.Value), true
	}
	// Variables that hold one config value: v := config["x"] (and v, ok := config["x"]).
	values := map[types.Object]string{}
	ins.Preorder([]ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && (len(n.Lhs) == 1 || len(n.Lhs) == 2) {
				if k, ok := keyOf(n.Rhs[0]); ok {
					if o := objOf(n.Lhs[0]); o != nil {
						values[o] = k
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 && len(n.Names) >= 1 {
				if k, ok := keyOf(n.Values[0]); ok {
					values[info.Defs[n.Names[0]]] = k
				}
			}
		}
	})

	ins.WithStack([]ast.Node{(*ast.TypeAssertExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		ta := n.(*ast.TypeAssertExpr)
		if ta.Type == nil || commaOk(ta, stack) {
			return true // a type switch or v, ok := x.(T) never panics
		}
		key, ok := keyOf(ta.X)
		if !ok {
			if o := objOf(ta.X); o != nil {
				key, ok = values[o]
			}
		}
		if !ok {
			return true
		}
		target := info.TypeOf(ta.Type)
		if target == nil {
			return true
		}
		reportAssertion(pass, ta, key, target, config)
		return true
	})
}

func typeUnderlying(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem().Underlying()
	}
	return t.Underlying()
}

// commaOk reports whether the assertion is the single right-hand side of a two-value assignment.
func commaOk(ta *ast.TypeAssertExpr, stack []ast.Node) bool {
	var child ast.Node = ta
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			child = p
			continue
		case *ast.AssignStmt:
			return len(p.Lhs) == 2 && len(p.Rhs) == 1 && p.Rhs[0] == child
		case *ast.ValueSpec:
			return len(p.Names) == 2 && len(p.Values) == 1 && p.Values[0] == child
		}
		return false
	}
	return false
}

func panics(dynamic, target types.Type) (bool, string) {
	if dynamic == nil {
		return true, fmt.Sprintf("interface conversion: interface {} is nil, not %s", runtimeName(target))
	}
	if types.IsInterface(target) {
		iface := target.Underlying().(*types.Interface)
		if m, _ := types.MissingMethod(dynamic, iface, true); m != nil {
			return true, fmt.Sprintf("interface conversion: %s is not %s: missing method %s", typeString(dynamic),
				typeString(target), m.Name())
		}
		return false, ""
	}
	if types.Identical(dynamic, target) {
		return false, ""
	}
	return true, fmt.Sprintf("interface conversion: interface {} is %s, not %s", runtimeName(dynamic), runtimeName(target))
}

var anyWord = regexp.MustCompile(`\bany\b|interface\{\}`)

// runtimeName is how the Go runtime names a type in a panic: interface {} for any.
func runtimeName(t types.Type) string {
	return anyWord.ReplaceAllString(typeString(t), "interface {}")
}

func reportAssertion(pass *analysis.Pass, ta *ast.TypeAssertExpr, key string, target types.Type, config map[string]configItem) {
	expr := fmt.Sprintf("config[%q].(%s)", key, typeString(target))
	item, known := config[key]
	if !known {
		names := make([]string, 0, len(config))
		for k := range config {
			names = append(names, k)
		}
		sort.Strings(names)
		pass.Report(analysis.Diagnostic{Pos: ta.Pos(), End: ta.End(), Category: "error:plugin-config-panic",
			Message: fmt.Sprintf("%s always panics (\"interface conversion: interface {} is nil, not %s\"): no config item has the alias '%s' "+
				"(the resource defines %s), and the operator refuses a Module that sets it, so the key is never in the map; "+
				"add the item to the resource, or read it with v, ok := config[%q].(%s)",
				expr, typeString(target), key, quoteList(names), key, typeString(target))})
		return
	}
	var bad, good []string
	var why string
	for _, c := range item.Cases {
		if p, msg := panics(dynamicType(c.GoType), target); p {
			bad = append(bad, c.When)
			if why == "" {
				why = msg
			}
		} else {
			good = append(good, c.When)
		}
	}
	if len(bad) == 0 {
		return
	}
	message := fmt.Sprintf("%s panics (%q) when %s", expr, why, strings.Join(bad, ", or when "))
	if len(good) > 0 {
		message += fmt.Sprintf("; it works only when %s", strings.Join(good, ", or when "))
	}
	message += ". Safe: " + safeForm(key, item, target)
	pass.Report(analysis.Diagnostic{Pos: ta.Pos(), End: ta.End(), Category: "error:plugin-config-panic", Message: message})
}

func quoteList(names []string) string {
	if len(names) == 0 {
		return "no config items"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}

// safeForm is code that accepts every type the operator may pass for the item.
func safeForm(key string, item configItem, target types.Type) string {
	kinds := map[string]bool{}
	var order []string
	for _, c := range item.Cases {
		if c.GoType != "nil" && !kinds[c.GoType] {
			kinds[c.GoType] = true
			order = append(order, c.GoType)
		}
	}
	v := safeIdent(key)
	switch {
	case item.ItemType == "integer" && kinds["float64"] && kinds["int"]:
		return fmt.Sprintf("var %s int; switch v := config[%q].(type) { case float64: %s = int(v); case int: %s = v }", v, key, v, v)
	case item.ItemType == "integer" && kinds["float64"]:
		return fmt.Sprintf("%s := int(config[%q].(float64)) (every value comes from a Module, as a float64)", v, key)
	case item.ItemType == "multiple-options" && kinds["[]interface {}"]:
		return fmt.Sprintf("var %s []string; switch v := config[%q].(type) { case []string: %s = v; case []any: for _, e := range v { s, _ := e.(string); %s = append(%s, s) } }",
			v, key, v, v, v)
	case len(order) == 1:
		conv := ""
		if !types.Identical(dynamicType(order[0]), target) {
			conv = fmt.Sprintf(" (then convert: %s(v))", typeString(target))
		}
		return fmt.Sprintf("v := config[%q].(%s)%s", key, order[0], conv)
	}
	return fmt.Sprintf("v, ok := config[%q].(%s), and handle !ok", key, typeString(target))
}

func safeIdent(key string) string {
	var b strings.Builder
	for i, r := range key {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || token.Lookup(b.String()).IsKeyword() {
		return "value"
	}
	return b.String()
}
