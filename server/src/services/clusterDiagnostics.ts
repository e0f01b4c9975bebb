// Diagnostics from the selected cluster (issue 9; ClusterLookups does the reading): a Module whose Workspace is not
// in the context (information: it may be created later, or the file targets another cluster), and a resource whose
// `repo.configMap` plugin is missing there (warning: the operator's Install would fail). Nothing while a lookup is
// pending or the cluster cannot be reached.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { rangeOf, SOURCE, type ParsedDocument, type YamlPath } from '../../../common/src';
import type { ClusterLookups } from './clusterLookups';
import type { Dependencies } from './resourceService';

export function clusterDiagnostics(
  doc: ParsedDocument,
  lookups: ClusterLookups,
  dependencies: Dependencies,
): Diagnostic[] {
  if (!lookups.active) return [];
  const out: Diagnostic[] = [];
  const value = record(doc.value);
  const spec = record(value.spec);
  if (doc.kind === 'module') {
    const workspace = record(spec.workspace);
    const name = typeof workspace.name === 'string' ? workspace.name : '';
    // operator: spec.workspace.namespace defaults to `default`.
    const namespace = typeof workspace.namespace === 'string' && workspace.namespace ? workspace.namespace : 'default';
    if (name && lookups.workspaceExists(namespace, name, dependencies) === false)
      out.push(
        diagnostic(
          doc,
          ['spec', 'workspace', 'name'],
          DiagnosticSeverity.Information,
          'cluster-workspace-missing',
          `Workspace ${namespace}/${name} does not exist in cluster context "${lookups.contextName()}": the operator installs the Module only once its Workspace is ready.`,
        ),
      );
    const source = record(spec.source);
    if ('raw' in source)
      checkRepo(
        doc,
        record(record(source.raw).spec),
        ['spec', 'source', 'raw', 'spec', 'repo', 'configMap'],
        lookups,
        dependencies,
        out,
      );
  } else if (doc.kind === 'custom') {
    checkRepo(doc, spec, ['spec', 'repo', 'configMap'], lookups, dependencies, out);
  }
  return out;
}

function checkRepo(
  doc: ParsedDocument,
  spec: Record<string, unknown>,
  at: YamlPath,
  lookups: ClusterLookups,
  dependencies: Dependencies,
  out: Diagnostic[],
): void {
  const cm = record(record(spec.repo).configMap);
  const name = typeof cm.name === 'string' ? cm.name : '';
  if (!name) return;
  // operator: repo.configMap.namespace omitted means `default` (not the Module's namespace).
  const namespace = typeof cm.namespace === 'string' && cm.namespace ? cm.namespace : 'default';
  const verdict = lookups.pluginConfigMap(namespace, name, dependencies);
  const where = `ConfigMap ${namespace}/${name}`;
  const context = lookups.contextName();
  if (verdict === 'missing')
    out.push(
      diagnostic(
        doc,
        at,
        DiagnosticSeverity.Warning,
        'cluster-repo-configmap',
        `${where} is not in cluster context "${context}": the operator's Install fails ("failed to write ConfigMap plugin file from ${namespace}/${name}").`,
      ),
    );
  else if (verdict === 'no-plugin')
    out.push(
      diagnostic(
        doc,
        at,
        DiagnosticSeverity.Warning,
        'cluster-repo-configmap',
        `${where} in context "${context}" has no key 'plugin' (the plugin .so the operator loads): its Install fails.`,
      ),
    );
}

function diagnostic(
  doc: ParsedDocument,
  path: YamlPath,
  severity: DiagnosticSeverity,
  code: string,
  message: string,
): Diagnostic {
  return {
    range: rangeOf(doc, path, 'value'),
    severity,
    source: SOURCE,
    code,
    message,
    data: { path, documentIndex: doc.index },
  };
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
