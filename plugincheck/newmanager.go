package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// managerMethods are IManager's methods, in the order the operator's docs list them.
var managerMethods = []string{"Install", "Uninstall", "Sleep", "Resume"}

// The operator's side (pkg/manager/custom.go, v0.1.7):
//
//	newManagerSymbol, err := customPlugin.Lookup("NewManager")          // "failed to lookup 'NewManager' symbol in plugin: ..."
//	newManagerFunc, ok := newManagerSymbol.(func(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error))
//	if !ok { ... "symbol 'NewManager' found in plugin is not of type 'NewCustomManagerT' (%T)" }
//
// That literal type is the underlying type of base.NewCustomManagerT, which is what this compares with.
func newManagerAnalyzer(base *packages.Package) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:             "newmanager",
		Doc:              "NewManager has the type the operator asserts, and the manager it returns has IManager's methods",
		RunDespiteErrors: true,
		ResultType:       reflect.TypeOf((*types.Func)(nil)),
		Run: func(pass *analysis.Pass) (any, error) {
			return checkNewManager(pass, base), nil
		},
	}
}

func diag(pass *analysis.Pass, node ast.Node, severity, code, format string, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Category: severity + ":" + code,
		Message: fmt.Sprintf(format, args...)})
}

func qualifier(p *types.Package) string { return p.Name() }

func typeString(t types.Type) string { return types.TypeString(t, qualifier) }

func checkNewManager(pass *analysis.Pass, base *packages.Package) *types.Func {
	var want *types.Signature
	var iface *types.Interface
	if base != nil && base.Types != nil {
		if tn, ok := base.Types.Scope().Lookup("NewCustomManagerT").(*types.TypeName); ok {
			want, _ = tn.Type().Underlying().(*types.Signature)
		}
		if tn, ok := base.Types.Scope().Lookup("IManager").(*types.TypeName); ok {
			iface, _ = tn.Type().Underlying().(*types.Interface)
		}
	}
	firstFile := pass.Files[0]
	obj := pass.Pkg.Scope().Lookup("NewManager")
	if obj == nil {
		// A differently spelled constructor is the usual cause: plugin.Lookup only finds exported names.
		for _, name := range pass.Pkg.Scope().Names() {
			if strings.EqualFold(name, "NewManager") {
				o := pass.Pkg.Scope().Lookup(name)
				if decl := declOf(pass, o); decl != nil {
					diag(pass, decl, "error", "plugin-newmanager-missing",
						"%s is not exported as NewManager: the operator looks up the symbol 'NewManager' and fails with "+
							"\"failed to lookup 'NewManager' symbol in plugin\" (rename it to NewManager)", name)
					return nil
				}
			}
		}
		diag(pass, firstFile.Name, "error", "plugin-newmanager-missing",
			"package %s declares no NewManager: the operator fails with \"failed to lookup 'NewManager' symbol in plugin\"; "+
				"declare func NewManager(ctx context.Context, logger logr.Logger, kubernetesConfig *rest.Config, config map[string]any) (base.IManager, error)",
			pass.Pkg.Name())
		return nil
	}
	decl := declOf(pass, obj)
	var node ast.Node = firstFile.Name
	if decl != nil {
		node = decl
	}
	fn, isFunc := obj.(*types.Func)
	if !isFunc {
		// plugin.Lookup of a variable gives a pointer to it, which the operator's assertion refuses.
		diag(pass, node, "error", "plugin-newmanager-signature",
			"NewManager is a %s of type %s, not a function: plugin.Lookup gives a *%s and the operator fails with "+
				"\"symbol 'NewManager' found in plugin is not of type 'NewCustomManagerT' (*%s)\"; declare it with func",
			kindOf(obj), typeString(obj.Type()), typeString(obj.Type()), typeString(obj.Type()))
		return nil
	}
	sig := fn.Type().(*types.Signature)
	if want == nil {
		diag(pass, node, "error", "plugin-newmanager-signature",
			"cannot check NewManager: the plugin's module does not provide %s (require github.com/forkspacer/forkspacer v0.1.7 and return base.IManager)",
			basePackage)
		return fn
	}
	if !types.Identical(sig, want) {
		diag(pass, node, "error", "plugin-newmanager-signature",
			"NewManager has type %s, but the operator asserts %s (pkg/manager/custom.go), so Install fails with "+
				"\"symbol 'NewManager' found in plugin is not of type 'NewCustomManagerT' (%s)\"%s",
			typeString(sig), typeString(want), runtimeTypeString(sig), signatureHint(sig, want))
		return fn
	}
	if fd := funcDeclOf(pass, fn); fd != nil && fd.Body != nil && iface != nil {
		checkReturnedManagers(pass, fd, iface)
	}
	return fn
}

// signatureHint names the first parameter or result that differs.
func signatureHint(got, want *types.Signature) string {
	if got.Params().Len() != want.Params().Len() {
		return fmt.Sprintf(": it takes %d parameters, the operator passes %d (ctx, logger, kubernetesConfig, config)",
			got.Params().Len(), want.Params().Len())
	}
	names := []string{"ctx", "logger", "kubernetesConfig", "config"}
	for i := 0; i < want.Params().Len(); i++ {
		if !types.Identical(got.Params().At(i).Type(), want.Params().At(i).Type()) {
			return fmt.Sprintf(": parameter %d (%s) is %s, want %s", i+1, names[i],
				typeString(got.Params().At(i).Type()), typeString(want.Params().At(i).Type()))
		}
	}
	if got.Results().Len() != want.Results().Len() {
		return ": it must return (base.IManager, error)"
	}
	for i := 0; i < want.Results().Len(); i++ {
		if !types.Identical(got.Results().At(i).Type(), want.Results().At(i).Type()) {
			return fmt.Sprintf(": result %d is %s, want %s (the interface itself, not the type that implements it)", i+1,
				typeString(got.Results().At(i).Type()), typeString(want.Results().At(i).Type()))
		}
	}
	if got.Variadic() != want.Variadic() {
		return ": it must not be variadic"
	}
	return ""
}

// checkReturnedManagers looks at what each return statement of NewManager hands back as the manager: a type
// without one of IManager's methods (or with it on the pointer while a value is returned), or a nil manager with
// a nil error, on which the operator calls Install and panics.
func checkReturnedManagers(pass *analysis.Pass, fd *ast.FuncDecl, iface *types.Interface) {
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // a closure's returns are not NewManager's
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 2 {
			return true
		}
		expr := ret.Results[0]
		tv, ok := pass.TypesInfo.Types[expr]
		if !ok || tv.Type == nil {
			return true
		}
		if tv.IsNil() {
			if errTv, ok := pass.TypesInfo.Types[ret.Results[1]]; ok && errTv.IsNil() {
				diag(pass, ret, "error", "plugin-newmanager-nil",
					"NewManager returns a nil manager and a nil error: the operator then calls Install on it and panics "+
						"(invalid memory address or nil pointer dereference); return a manager or an error")
			}
			return true
		}
		if types.IsInterface(tv.Type) {
			return true // the dynamic type is not known here
		}
		var pointerOnly []string
		for _, name := range managerMethods {
			if checkMethod(pass, expr, tv.Type, iface, name) {
				pointerOnly = append(pointerOnly, name)
			}
		}
		if len(pointerOnly) > 0 {
			diag(pass, expr, "error", "plugin-method-missing",
				"NewManager returns a %s, but %s %s a pointer receiver: only *%s has %s, so this value is not a base.IManager; return &%s or use value receivers",
				typeString(tv.Type), strings.Join(pointerOnly, ", "), map[bool]string{true: "has", false: "have"}[len(pointerOnly) == 1],
				typeString(tv.Type), map[bool]string{true: "it", false: "them"}[len(pointerOnly) == 1], strings.TrimPrefix(exprText(expr), "&"))
		}
		return true
	})
}

// checkMethod reports a missing or mistyped method; it returns true (reporting nothing) when the method is only on
// the pointer type, which the caller reports once for all such methods.
func checkMethod(pass *analysis.Pass, expr ast.Expr, t types.Type, iface *types.Interface, name string) bool {
	var wantM *types.Func
	for i := 0; i < iface.NumMethods(); i++ {
		if iface.Method(i).Name() == name {
			wantM = iface.Method(i)
		}
	}
	if wantM == nil {
		return false
	}
	wantSig := typeString(wantM.Type())
	obj, _, indirect := types.LookupFieldOrMethod(t, false, pass.Pkg, name)
	m, isMethod := obj.(*types.Func)
	if !isMethod {
		// With a pointer receiver the method is on *T only: found when looking through the pointer.
		if obj2, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), false, pass.Pkg, name); obj2 != nil {
			if _, ok := obj2.(*types.Func); ok {
				return true
			}
		}
		diag(pass, expr, "error", "plugin-method-missing",
			"the manager NewManager returns (%s) has no method %s%s: the operator calls all four of Install, Uninstall, Sleep and Resume",
			typeString(t), name, strings.TrimPrefix(wantSig, "func"))
		return false
	}
	_ = indirect
	if !types.Identical(m.Type().(*types.Signature), wantM.Type()) {
		// Compare without the receiver: the interface method has none.
		got := m.Type().(*types.Signature)
		plain := types.NewSignatureType(nil, nil, nil, got.Params(), got.Results(), got.Variadic())
		if !types.Identical(plain, wantM.Type()) {
			diag(pass, expr, "error", "plugin-method-missing",
				"the manager NewManager returns (%s) has %s%s, but base.IManager needs %s%s",
				typeString(t), name, strings.TrimPrefix(typeString(plain), "func"), name, strings.TrimPrefix(wantSig, "func"))
		}
	}
	return false
}

func exprText(e ast.Expr) string { return types.ExprString(e) }

func kindOf(obj types.Object) string {
	switch obj.(type) {
	case *types.Var:
		return "variable"
	case *types.Const:
		return "constant"
	case *types.TypeName:
		return "type"
	}
	return "declaration"
}

// declOf finds the declaring node of a package-level object in the package's files.
func declOf(pass *analysis.Pass, obj types.Object) ast.Node {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && pass.TypesInfo.Defs[d.Name] == obj {
					return d.Name
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if pass.TypesInfo.Defs[n] == obj {
								return n
							}
						}
					case *ast.TypeSpec:
						if pass.TypesInfo.Defs[s.Name] == obj {
							return s.Name
						}
					}
				}
			}
		}
	}
	return nil
}

func funcDeclOf(pass *analysis.Pass, fn *types.Func) *ast.FuncDecl {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && pass.TypesInfo.Defs[fd.Name] == fn {
				return fd
			}
		}
	}
	return nil
}

// runtimeTypeString is how the operator's %T prints a func type: no parameter names, any as interface {}.
func runtimeTypeString(sig *types.Signature) string {
	strip := func(t *types.Tuple) *types.Tuple {
		vars := make([]*types.Var, t.Len())
		for i := range vars {
			vars[i] = types.NewVar(token.NoPos, nil, "", t.At(i).Type())
		}
		return types.NewTuple(vars...)
	}
	s := typeString(types.NewSignatureType(nil, nil, nil, strip(sig.Params()), strip(sig.Results()), sig.Variadic()))
	return anyWord.ReplaceAllString(s, "interface {}")
}
