package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/unstructuredscheme"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"sigs.k8s.io/yaml"
)

// crdServer is what the API server builds from one CRD of the operator's config/crd/bases: the structural schema
// (pruning, defaulting), the OpenAPI schema validator and the custom resource strategy (validation on create).
type crdServer struct {
	gvk        schema.GroupVersionKind
	structural *structuralschema.Structural
	strategy   rest.RESTCreateStrategy
}

var (
	crdOnce    sync.Once
	crdServers map[string]*crdServer
	crdErr     error
)

// servers reads the CRDs from FORKSPACER_CRD_DIR (the module copy's config/crd/bases) once.
func servers() (map[string]*crdServer, error) {
	crdOnce.Do(func() {
		crdServers = map[string]*crdServer{}
		dir := os.Getenv("FORKSPACER_CRD_DIR")
		for kind, file := range map[string]string{
			"Module":    "batch.forkspacer.com_modules.yaml",
			"Workspace": "batch.forkspacer.com_workspaces.yaml",
		} {
			s, err := loadCRD(filepath.Join(dir, file))
			if err != nil {
				crdErr = fmt.Errorf("CRD %s: %w", file, err)
				return
			}
			crdServers[kind] = s
		}
	})
	return crdServers, crdErr
}

func loadCRD(path string) (*crdServer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v1crd apiextensionsv1.CustomResourceDefinition
	if err := yaml.UnmarshalStrict(data, &v1crd); err != nil {
		return nil, err
	}
	var crd apiextensions.CustomResourceDefinition
	if err := apiextensionsv1.Convert_v1_CustomResourceDefinition_To_apiextensions_CustomResourceDefinition(&v1crd, &crd, nil); err != nil {
		return nil, err
	}
	version := crd.Spec.Versions[0]
	// The internal version keeps a schema common to every version in spec.validation: ask the way the server does.
	validation, err := apiextensions.GetSchemaForVersion(&crd, version.Name)
	if err != nil || validation == nil {
		return nil, fmt.Errorf("no schema for version %s: %v", version.Name, err)
	}
	props := validation.OpenAPIV3Schema
	structural, err := structuralschema.NewStructural(props)
	if err != nil {
		return nil, err
	}
	validator, _, err := apiservervalidation.NewSchemaValidator(props)
	if err != nil {
		return nil, err
	}
	var statusValidator apiservervalidation.SchemaValidator
	if status, ok := props.Properties["status"]; ok {
		statusValidator, _, err = apiservervalidation.NewSchemaValidator(&status)
		if err != nil {
			return nil, err
		}
	}
	gvk := schema.GroupVersionKind{Group: crd.Spec.Group, Version: version.Name, Kind: crd.Spec.Names.Kind}
	var status *apiextensions.CustomResourceSubresourceStatus
	subresources, err := apiextensions.GetSubresourcesForVersion(&crd, version.Name)
	if err != nil {
		return nil, err
	}
	if subresources != nil {
		status = subresources.Status
	}
	strategy := customresource.NewStrategy(
		unstructuredscheme.NewUnstructuredObjectTyper(),
		crd.Spec.Scope == apiextensions.NamespaceScoped,
		gvk, validator, statusValidator, structural, status, nil, nil,
	)
	return &crdServer{gvk: gvk, structural: structural, strategy: strategy}, nil
}

// admit is the API server's handling of a create with fieldValidation=Strict (kubectl apply's default): the
// request decoder's schema coercion (customresource_handler.go schemaCoercingDecoder and unstructuredSchemaCoercer.apply,
// whose exported steps are called here in its order), defaulting, then rest.BeforeCreate with the CRD strategy.
// It returns the object as stored (what the webhooks and the controller read) or the refusal.
func admit(kind string, u *unstructured.Unstructured) (*unstructured.Unstructured, *docVerdict) {
	all, err := servers()
	if err != nil {
		v := refused(kind, "oracle", err.Error())
		return nil, &v
	}
	s := all[u.GetKind()]
	lower := map[string]string{"Module": "module", "Workspace": "workspace"}[u.GetKind()]

	// schemaCoercingDecoder.Decode → unstructuredSchemaCoercer.apply with returnUnknownFieldPaths (strict).
	var unknown []string
	objectMeta, foundMeta, metaUnknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object,
		schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		v := refused(lower, "apiserver-decode", err.Error(), err.Error())
		return nil, &v
	}
	unknown = append(unknown, metaUnknown...)
	kindValue, apiVersionValue := u.GetKind(), u.GetAPIVersion()
	unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, s.structural, true,
		structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, s.structural)
	if ferr, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, s.structural, false,
		schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true}); ferr != nil {
		v := refused(lower, "apiserver-decode", ferr.Error(), ferr.Error())
		return nil, &v
	} else {
		unknown = append(unknown, paths...)
	}
	u.SetKind(kindValue)
	u.SetAPIVersion(apiVersionValue)
	if foundMeta {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, objectMeta); err != nil {
			v := refused(lower, "apiserver-decode", err.Error(), err.Error())
			return nil, &v
		}
	}
	if len(unknown) > 0 {
		var errs []error
		inner := make([]string, 0, len(unknown))
		for _, path := range unknown {
			errs = append(errs, fmt.Errorf(`unknown field "%s"`, path))
			inner = append(inner, fmt.Sprintf(`unknown field "%s"`, path))
		}
		strict := runtime.NewStrictDecodingError(errs)
		// What kubectl prints: the request is a BadRequest naming the decoding error.
		msg := fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", kindValue, s.gvk.Version, kindValue, strict)
		v := refused(lower, "apiserver-decode", msg, inner...)
		return nil, &v
	}

	// The defaulting codec (unstructuredDefaulter.Default).
	structuraldefaulting.Default(u.Object, s.structural)

	// The store's create: system fields, then rest.BeforeCreate (PrepareForCreate, strategy.Validate with the
	// OpenAPI schema validator, embedded metadata, CEL; then ObjectMeta validation, metadata.name a DNS subdomain).
	ctx := genericapirequest.WithNamespace(context.Background(), u.GetNamespace())
	rest.FillObjectMetaSystemFields(u)
	if err := rest.BeforeCreate(s.strategy, ctx, u); err != nil {
		v := refused(lower, "apiserver-validate", err.Error(), statusInner(err)...)
		return nil, &v
	}
	return u, nil
}

// statusInner: the field errors' own words (Detail, else "path: Type") of an Invalid status error.
func statusInner(err error) []string {
	if status, ok := err.(apierrors.APIStatus); ok && status.Status().Details != nil {
		var out []string
		for _, c := range status.Status().Details.Causes {
			out = append(out, c.Message)
		}
		if len(out) > 0 {
			return out
		}
	}
	return []string{err.Error()}
}

// fieldInner is statusInner for a field.ErrorList (the webhooks build theirs with apierrors.NewInvalid too).
func fieldInner(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		if e.Detail != "" {
			out = append(out, e.Detail)
		} else {
			out = append(out, e.Error())
		}
	}
	return out
}
