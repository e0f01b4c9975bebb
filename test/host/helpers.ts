// Shared setup of the host tests: real Go plugins from test/go/plugins, one build cache for the whole
// run (test/.work/host/cache, so the slow first `go build` against client-go happens once), and a fresh
// state folder per test.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createHost, type Host, type HostEvent, type HostOptions } from '../../host/src/index';

function findRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'runner', 'main.go'))) return dir;
  }
  throw new Error('repository root not found');
}

export const ROOT = findRoot();

/** scripts/goproxy.cjs (plain JS, shared with the scripts): the operator's module through ../shared/goproxy where it exists. */
export const withLocalGoProxy = createRequire(__filename)(join(ROOT, 'scripts', 'goproxy.cjs')).withLocalGoProxy as (
  env: NodeJS.ProcessEnv,
) => NodeJS.ProcessEnv;
// Every go command of these tests (the host's builds, go mod tidy) inherits it, also when a file runs on its own.
Object.assign(process.env, withLocalGoProxy(process.env));
export const WORK = join(ROOT, 'test', '.work', 'host');
/** FORKSPACER_HOST_TEST_CACHE: another cache folder, e.g. an empty one to time a cold run. */
export const CACHE_DIR = process.env.FORKSPACER_HOST_TEST_CACHE || join(WORK, 'cache');
/** Cold builds of client-go take minutes on a small machine. */
export const BUILD_TIMEOUT_MS = 20 * 60_000;
export const SLOW = { timeout: 25 * 60_000 };

export function pluginDir(name: string): string {
  return join(ROOT, 'test', 'go', 'plugins', name);
}

export function tempDir(prefix: string): string {
  mkdirSync(WORK, { recursive: true });
  return mkdtempSync(join(WORK, `${prefix}-`));
}

export interface ModuleSpec {
  name: string;
  namespace?: string;
  /** A plugin folder under test/go/plugins, or any spec.repo.file value. */
  plugin: string;
  config?: Record<string, unknown>;
  /** The definition's config items (YAML text, indented for `config:`), default none. */
  items?: string;
  supportedOperatorVersion?: string;
}

/** Writes a Module with an embedded (raw) Custom definition pointing at a plugin source folder. */
export function writeModule(dir: string, spec: ModuleSpec): string {
  const file = join(dir, `${spec.name}.yaml`);
  const repoFile = spec.plugin.includes('/') ? spec.plugin : pluginDir(spec.plugin);
  const config = spec.config ? `  config: ${JSON.stringify(spec.config)}\n` : '';
  writeFileSync(
    file,
    `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: ${spec.name}
  namespace: ${spec.namespace ?? 'default'}
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: ${spec.name}-plugin
        version: 1.0.0
        supportedOperatorVersion: "${spec.supportedOperatorVersion ?? '>= 0.0.0, < 1.0.0'}"
${spec.items ? `      config:\n${spec.items}` : ''}      spec:
        repo:
          file: ${repoFile}
${config}`,
  );
  return file;
}

export function newHost(stateDir: string, options: Partial<HostOptions> = {}): Host & { events: HostEvent[] } {
  const host = createHost({ stateDir, cacheDir: CACHE_DIR, buildTimeoutMs: BUILD_TIMEOUT_MS, ...options });
  const events: HostEvent[] = [];
  host.onEvent((e) => events.push(e));
  return Object.assign(host, { events });
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function logsOf(events: HostEvent[], id?: string) {
  return events.filter((e): e is Extract<HostEvent, { type: 'log' }> => e.type === 'log' && (!id || e.id === id));
}

export function phasesOf(events: HostEvent[], id: string): string[] {
  return events.filter((e) => e.type === 'phase' && e.id === id).map((e) => (e as { phase: string }).phase);
}
