// Text of the files the "New Custom Resource" and "New Module from Resource" commands create. Pure.
import { stringify } from 'yaml';
import { decodeResource, parseYamlFile, type ConfigItem, type ResourceDefinition } from '../../../common/src/index';

/** A Kubernetes-style name: lower case letters, digits and dashes (it becomes metadata.name and a folder). */
export function isValidResourceName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 63;
}

export interface ScaffoldFile {
  /** Path relative to the plugin folder. */
  path: string;
  text: string;
}

export type ScaffoldFolder = { ok: true; relPath: string; name: string } | { ok: false; message: string };

/**
 * The plugin folder "New Custom Resource" creates, from what the user typed: a path relative to the workspace folder
 * (`plugins/my-plugin`), created if missing; its last segment becomes the resource's metadata.name.
 */
export function scaffoldFolder(input: string): ScaffoldFolder {
  const text = input.trim().replace(/\\/g, '/');
  if (!text || text === '.' || text === './')
    return { ok: false, message: 'Give the folder to create, e.g. plugins/my-plugin.' };
  if (text.startsWith('/') || /^[a-zA-Z]:\//.test(text) || text.startsWith('~'))
    return { ok: false, message: 'A folder relative to the workspace folder, e.g. plugins/my-plugin.' };
  const segments = text.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..'))
    return { ok: false, message: 'The folder must be inside the workspace folder (no "..").' };
  const name = segments[segments.length - 1]!;
  if (!isValidResourceName(name)) {
    return {
      ok: false,
      message: `The folder's name "${name}" becomes the resource's metadata.name: lower case letters, digits and dashes, starting and ending with a letter or digit, at most 63 characters.`,
    };
  }
  return { ok: true, relPath: segments.join('/'), name };
}

export interface CustomResourceOptions {
  operatorVersion?: string;
  /** spec.workspace.name of the Module written next to the resource. */
  workspace?: string;
}

/**
 * What "New Custom Resource" writes into the plugin folder: the resource definition (its plugin is this folder,
 * `file: ./`), a Module that installs it, and the Go plugin (main.go implementing base.IManager, go.mod requiring
 * the operator's own versions). go.sum comes from `go mod tidy`, which the command runs next.
 */
export function customResourceFiles(name: string, options: CustomResourceOptions = {}): ScaffoldFile[] {
  const resource = customResourceYaml(name, options.operatorVersion ?? '0.1.7');
  return [
    { path: 'resource.yaml', text: resource },
    { path: 'module.yaml', text: scaffoldModuleYaml(name, resource, options.workspace ?? 'dev-workspace') },
    { path: 'main.go', text: pluginMainGo(name) },
    { path: 'go.mod', text: pluginGoMod(name) },
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
    # This folder (relative to this file): the local host builds it with go build -buildmode=plugin.
    # The operator downloads only http(s): to deploy, serve the built plugin.so and put its URL here.
    file: ./
`;
}

/** A Module next to the resource that embeds it (source.raw), so Install works from the folder as it is. */
function scaffoldModuleYaml(name: string, resourceText: string, workspace: string): string {
  const parsed = parseYamlFile(resourceText).documents[0];
  const definition = parsed && decodeResource(parsed.value).definition;
  if (!parsed || !definition) throw new Error('the scaffolded resource does not decode'); // a bug: tested
  const header = [
    `# Installs ${name} from this folder with the local host: Install from the CodeLens or the Forkspacer view.`,
    '# source.raw is a copy of resource.yaml (keep the two in step, or re-create it with "New Module from Resource");',
    '# its spec.repo.file "./" is this folder, relative to this file.',
  ];
  const module = moduleFromResourceYaml(definition, {
    moduleName: name,
    workspace,
    source: { type: 'raw', resource: parsed.value },
  });
  return `${header.join('\n')}\n${module}`;
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

// The operator v0.1.7's own go directive and versions: a plugin loads only into an operator built from the same
// versions of every package they share. v0.1.7 is the last operator release with Go plugins.
go 1.24.5

// "go mod tidy" adds the rest and writes go.sum (New Custom Resource runs it; Install does when go.sum is missing).
require (
\tgithub.com/forkspacer/forkspacer v0.1.7
\tgithub.com/go-logr/logr v1.4.3
\tk8s.io/client-go v0.34.1
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
