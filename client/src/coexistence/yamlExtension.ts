// Adapter to Red Hat's YAML extension: registers our schema contributor when it is installed (now or later).
// See coexistenceModel.ts for why.
import * as vscode from 'vscode';
import { claimsFile, CONTRIBUTOR, EMPTY_SCHEMA, EMPTY_SCHEMA_URI } from './coexistenceModel';

export const YAML_EXTENSION_ID = 'redhat.vscode-yaml';

/** The part of its exported API we use (schema-extension-api in vscode-yaml). */
interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
  ): boolean;
}

export function followYamlExtension(log: vscode.LogOutputChannel): vscode.Disposable {
  let done = false;
  const register = async () => {
    const extension = vscode.extensions.getExtension<YamlExtensionApi>(YAML_EXTENSION_ID);
    if (done || !extension) return;
    done = true;
    try {
      const api = extension.isActive ? extension.exports : await extension.activate();
      if (typeof api?.registerContributor !== 'function') {
        log.warn(
          `${YAML_EXTENSION_ID} ${version(extension)} has no registerContributor API: its schemas may double ours`,
        );
        return;
      }
      api.registerContributor(CONTRIBUTOR, requestSchema, (uri) =>
        uri === EMPTY_SCHEMA_URI ? EMPTY_SCHEMA : undefined,
      );
      log.info(`${YAML_EXTENSION_ID} ${version(extension)}: Forkspacer files are left to Forkspacer's schemas`);
    } catch (error) {
      log.warn(
        `could not register with ${YAML_EXTENSION_ID}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  void register();
  return vscode.extensions.onDidChange(() => void register());
}

/** Called by the YAML extension for every file it validates, completes or hovers (synchronous in its API). */
function requestSchema(resource: string): string | undefined {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
  return document && claimsFile(document.getText()) ? EMPTY_SCHEMA_URI : undefined;
}

function version(extension: vscode.Extension<unknown>): string {
  return String((extension.packageJSON as { version?: unknown } | undefined)?.version ?? '');
}
