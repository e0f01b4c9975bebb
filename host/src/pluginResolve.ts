// From a plugin location to what the runner needs: the .so on disk and the Go module context to build
// the runner in. Local .so files use the go.mod above them; downloaded ones (http, ConfigMap) are
// rebuilt from the module versions recorded in the .so (`go version -m`).
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PluginRef } from '../../common/src/host/record';
import { buildPluginFromSource } from './pluginBuild';
import { readConfigMapPlugin } from './configMapPlugin';
import { downloadPlugin, storePluginBytes } from './pluginDownload';
import { describeLocation, type PluginLocation } from './pluginLocation';
import { findGoModDir } from './goModule';
import { readBuildInfo, type BuildInfo, type GoEnv } from './goToolchain';
import type { ModuleContext } from './runnerBuild';
import type { KubeConfigRef } from './types';

export interface ResolveOptions {
  go: GoEnv;
  cacheDir: string;
  buildTimeoutMs: number;
  download: { timeoutMs: number; maxBytes: number };
  kube?: KubeConfigRef;
  signal?: AbortSignal;
  progress: (step: 'fetch-plugin' | 'build-plugin', message: string) => void;
}

export interface ResolvedPlugin {
  ref: PluginRef;
  soPath: string;
  context: ModuleContext;
}

export async function resolvePlugin(location: PluginLocation, options: ResolveOptions): Promise<ResolvedPlugin> {
  const ref: PluginRef = {
    kind: location.kind === 'invalid' ? 'file' : location.kind,
    location: describeLocation(location),
  };
  switch (location.kind) {
    case 'invalid':
      throw new Error(location.reason);
    case 'source': {
      const built = await buildPluginFromSource({
        go: options.go,
        cacheDir: options.cacheDir,
        packageDir: location.dir,
        timeoutMs: options.buildTimeoutMs,
        signal: options.signal,
        progress: (m) => options.progress('build-plugin', m),
      });
      return {
        ref: { ...ref, path: built.soPath },
        soPath: built.soPath,
        context: { kind: 'dir', dir: built.moduleDir },
      };
    }
    case 'file':
      return soPlugin(ref, location.path, findGoModDir(dirname(location.path)), options);
    case 'http': {
      options.progress('fetch-plugin', `downloading ${location.url}…`);
      const path = await downloadPlugin(location.url, {
        cacheDir: options.cacheDir,
        ...options.download,
        signal: options.signal,
      });
      return soPlugin(ref, path, undefined, options);
    }
    case 'configMap': {
      if (!options.kube) {
        throw new Error(`the plugin is in ${describeLocation(location)}, which needs a cluster: give a kubeconfig`);
      }
      options.progress('fetch-plugin', `reading ${describeLocation(location)}…`);
      const bytes = await readConfigMapPlugin(location, options.kube, options.download.timeoutMs);
      return soPlugin(ref, await storePluginBytes(bytes, options.cacheDir), undefined, options);
    }
  }
}

/** A prebuilt .so: where it is, and the module context its build info and nearby go.mod give. */
export async function soPlugin(
  ref: PluginRef,
  soPath: string,
  moduleDir: string | undefined,
  options: Pick<ResolveOptions, 'go'>,
): Promise<ResolvedPlugin> {
  const info = await buildInfoOf(options.go, soPath);
  if (!info) throw new Error(`${soPath} is not a Go plugin (go version -m cannot read its build info)`);
  if (info.settings['-buildmode'] && info.settings['-buildmode'] !== 'plugin') {
    throw new Error(`${soPath} was built with -buildmode=${info.settings['-buildmode']}, not -buildmode=plugin`);
  }
  const context: ModuleContext = moduleDir
    ? { kind: 'dir', dir: moduleDir, buildInfo: info }
    : { kind: 'buildInfo', buildInfo: info };
  return { ref: { ...ref, path: soPath }, soPath, context };
}

const infos = new Map<string, Promise<BuildInfo | undefined>>();

function buildInfoOf(go: GoEnv, soPath: string): Promise<BuildInfo | undefined> {
  let stamp: string;
  try {
    const s = statSync(soPath);
    stamp = `${s.mtimeMs}:${s.size}`;
  } catch {
    return Promise.reject(new Error(`the plugin file ${soPath} does not exist`));
  }
  const key = `${soPath}\0${stamp}`;
  let info = infos.get(key);
  if (!info) {
    info = readBuildInfo(go, soPath);
    infos.set(key, info);
  }
  return info;
}
