// Text of the files the "New Custom Resource" and "New Module from Resource" commands create. Pure.
import { stringify } from 'yaml';
import type { ConfigItem, ResourceDefinition } from '../../../common/src/index';

/** A Kubernetes-style name: lower case letters, digits and dashes (it becomes metadata.name and a folder). */
export function isValidResourceName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 63;
}

export interface ScaffoldFile {
  /** Path relative to the chosen folder. */
  path: string;
  text: string;
}

/** A Custom resource definition, its Go plugin (implements base.IManager) and go.mod, in `<name>/`. */
export function customResourceFiles(name: string, operatorVersion = '0.1.7'): ScaffoldFile[] {
  return [
    { path: `${name}/resource.yaml`, text: customResourceYaml(name, operatorVersion) },
    { path: `${name}/plugin/main.go`, text: pluginMainGo(name) },
    { path: `${name}/plugin/go.mod`, text: pluginGoMod(name) },
  ];
}

function customResourceYaml(name: string, operatorVersion: string): string {
  const major = Number(operatorVersion.split('.')[0]);
  const upper = Number.isFinite(major) ? `${major + 1}.0.0` : '1.0.0';
  return `kind: Custom
metadata:
  name: ${name}
  version: 0.1.0
  # Masterminds semver: a comma means AND. Checked against the operator version (setting forkspacer.operatorVersion).
  supportedOperatorVersion: ">= 0.0.0, < ${upper}"
  description: "${name} installer"
  category: Application

config:
  - type: string
    name: Namespace
    alias: namespace
    spec:
      required: false
      default: default
      # The operator treats an omitted "editable" as false: a Module could not set this value.
      editable: true
  - type: integer
    name: Replicas
    alias: replicas
    spec:
      required: false
      default: 1
      min: 1
      max: 10
      editable: true

spec:
  repo:
    # Where the compiled plugin (.so, built with -buildmode=plugin) is served from.
    file: https://example.com/plugins/${name}/plugin.so
`;
}

function pluginMainGo(name: string): string {
  return `// Package main is the ${name} Forkspacer plugin: build it with
//
//	CGO_ENABLED=1 go build -buildmode=plugin -o plugin.so .
//
// The operator (or the Forkspacer VS Code extension's local host) loads plugin.so and calls NewManager.
package main

import (
	"context"
	"fmt"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"

	"github.com/forkspacer/forkspacer/pkg/manager/base"
)

// The compiler checks that NewManager has the signature the operator looks up.
var _ base.NewCustomManagerT = NewManager

// NewManager receives the Module's validated config with the resource defaults applied.
// Numbers arrive as float64 when they come from a Module's JSON: convert with care.
func NewManager(
	ctx context.Context,
	logger logr.Logger,
	kubernetesConfig *rest.Config,
	config map[string]any,
) (base.IManager, error) {
	namespace, _ := config["namespace"].(string)
	replicas, err := toInt(config["replicas"])
	if err != nil {
		return nil, fmt.Errorf("config replicas: %w", err)
	}
	logger.Info("initializing ${name}", "namespace", namespace, "replicas", replicas)
	// Create clients when the plugin needs the cluster, e.g. kubernetes.NewForConfig(kubernetesConfig).
	return &plugin{logger: logger, restConfig: kubernetesConfig, namespace: namespace, replicas: replicas}, nil
}

type plugin struct {
	logger     logr.Logger
	restConfig *rest.Config
	namespace  string
	replicas   int
}

// Install runs when the Module is created. What is written into metaData is stored with the module
// and handed back to Sleep, Resume and Uninstall.
func (p *plugin) Install(ctx context.Context, metaData base.MetaData) error {
	p.logger.Info("installing", "namespace", p.namespace, "replicas", p.replicas)
	metaData["replicas"] = p.replicas
	return nil
}

func (p *plugin) Uninstall(ctx context.Context, metaData base.MetaData) error {
	p.logger.Info("uninstalling", "namespace", p.namespace)
	return nil
}

func (p *plugin) Sleep(ctx context.Context, metaData base.MetaData) error {
	p.logger.Info("sleeping: scale down", "namespace", p.namespace)
	return nil
}

func (p *plugin) Resume(ctx context.Context, metaData base.MetaData) error {
	p.logger.Info("resuming: scale up", "namespace", p.namespace, "replicas", metaData["replicas"])
	return nil
}

func toInt(v any) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case int64:
		return int(n), nil
	case float64:
		return int(n), nil
	default:
		return 0, fmt.Errorf("not a number: %v", v)
	}
}

// Go plugins need a main package with an empty main.
func main() {}
`;
}

function pluginGoMod(name: string): string {
  return `module example.com/forkspacer-plugins/${name}

go 1.24

// v0.1.7 is the last operator release with Go plugins. Run "go mod tidy" to fill in the rest.
require (
	github.com/forkspacer/forkspacer v0.1.7
	github.com/go-logr/logr v1.4.3
	k8s.io/client-go v0.34.1
)
`;
}

export interface ModuleFromResourceOptions {
  moduleName: string;
  workspace: string;
  /** Embed the definition (source.raw) or point at a URL (source.httpURL). */
  source: { type: 'raw'; resource: unknown } | { type: 'httpURL'; url: string };
}

/**
 * A Module for a resource with `spec.config` filled with the defaults. Only editable items are written: the
 * operator refuses a value for a non-editable alias (`field '<a>' is not editable`), so those are comments.
 * Written for kubectl's YAML 1.1 reader: strings such as "yes" or "1.10" are quoted.
 */
export function moduleFromResourceYaml(definition: ResourceDefinition, options: ModuleFromResourceOptions): string {
  const lines = [
    'apiVersion: batch.forkspacer.com/v1',
    'kind: Module',
    'metadata:',
    `  name: ${scalar(options.moduleName)}`,
    'spec:',
    '  workspace:',
    `    name: ${scalar(options.workspace)}`,
    '  source:',
  ];
  if (options.source.type === 'httpURL') lines.push(`    httpURL: ${scalar(options.source.url)}`);
  else lines.push('    raw:', indent(stringify(options.source.resource, { version: '1.1' }).trimEnd(), 6));
  const items = definition.config;
  if (items.length === 0) {
    lines.push('  config: {}');
  } else {
    lines.push('  config:');
    for (const item of items) lines.push(...configLines(item));
  }
  return lines.join('\n') + '\n';
}

function configLines(item: ConfigItem): string[] {
  const value = defaultValue(item);
  const note = [item.type, item.spec.required ? 'required' : 'optional', item.name].filter(Boolean).join(', ');
  if (!item.spec.editable) {
    return [`    # ${item.alias}: ${scalar(value)}   # not editable: the resource default applies (${note})`];
  }
  return [`    ${keyOf(item.alias)}: ${scalar(value)}   # ${note}`];
}

/** The item's default, or something that validates when the YAML wrote none (first option, minimum...). */
export function defaultValue(item: ConfigItem): unknown {
  const s = item.spec;
  if (s.hasDefault) return s.default;
  switch (item.type) {
    case 'option':
      return s.values?.[0] ?? '';
    case 'multiple-options':
      return s.values?.slice(0, s.min ?? 0) ?? [];
    case 'integer':
    case 'float':
      return s.min ?? 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

function scalar(value: unknown): string {
  return stringify(value, { version: '1.1', collectionStyle: 'flow' }).trimEnd();
}

function keyOf(alias: string): string {
  return scalar(alias);
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
