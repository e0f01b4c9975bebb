// The operator's own Helm rendering (pkg/resources RenderSpec, HelmModuleSpec.Validate) and Go's text/template,
// compiled to WebAssembly from operatorwasm/ (esbuild.mjs builds dist/operator.wasm and copies Go's wasm_exec.js next
// to it). Loaded lazily and synchronously, only when some string holds "{{" and "}}"; when it cannot be loaded every
// call answers `unavailable` and validation goes on without rendering (one information diagnostic says so).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';

export const WASM_FILE = 'operator.wasm';
export const WASM_EXEC_FILE = 'wasm_exec.js';

/** One string of the spec that the operator executes as a template (renderInterface's string case), in path order. */
export interface RenderedString {
  /** The path in the Helm spec (keys of the yaml.v3 re-marshalled HelmModuleSpec, list indexes). */
  path: (string | number)[];
  text: string;
  /** text/template's parse or execution error. */
  error?: string;
  /** What the template printed. */
  rendered?: string;
  /** %T of the rendered text re-parsed as YAML (what the operator keeps), `string` when it does not parse, `nil`. */
  type?: string;
  value?: unknown;
}

export interface HelmVerdict {
  ok: boolean;
  /**
   * The first failing step: `resource` (HandleResource before the Helm callback: read, constraint, version,
   * ValidateConfig; the validator reports these itself), `render` (RenderSpec), `validate` (HelmModuleSpec.Validate,
   * as manager.NewModuleHelmManager runs it), `kind` (not a Helm resource), `panic`.
   */
  stage?: 'resource' | 'render' | 'validate' | 'kind' | 'panic';
  /** The operator's text, with its wrapping ("failed to render Helm module spec: %v", "failed to install Helm module: %w"). */
  error?: string;
  /** The innermost text (RenderSpec's or Validate's own error). */
  inner?: string;
  strings: RenderedString[];
  /** The config RenderData received (after ValidateUserInput). */
  config?: Record<string, unknown>;
}

export type Unavailable = { unavailable: string };

interface OperatorWasm {
  parse(text: string): string;
  verdict(resource: string, config: string | null, releaseName: string, fromJson: boolean): string;
}

let loaded: OperatorWasm | Unavailable | undefined;
let searchDirs: string[] | undefined;

/** Folders searched for operator.wasm and wasm_exec.js (tests may point elsewhere). */
export function setOperatorWasmDirs(dirs: string[] | undefined): void {
  searchDirs = dirs;
  loaded = undefined;
  cache.clear();
  parseCache.clear();
}

function candidateDirs(): string[] {
  if (searchDirs) return searchDirs;
  const env = process.env.FORKSPACER_OPERATOR_WASM_DIR;
  return [
    ...(env ? [env] : []),
    __dirname, // dist/ (the bundles)
    join(__dirname, '..'), // dist/cli/<command>.js
    join(__dirname, '..', '..', '..', 'dist'), // out/common/src (the compiled tests)
  ];
}

/** Whether a string is one RenderSpec executes. */
export function isTemplated(s: string): boolean {
  return s.includes('{{') && s.includes('}}');
}

function load(): OperatorWasm | Unavailable {
  if (loaded) return loaded;
  const dir = candidateDirs().find((d) => existsSync(join(d, WASM_FILE)) && existsSync(join(d, WASM_EXEC_FILE)));
  if (!dir) {
    loaded = {
      unavailable: `${WASM_FILE} (the operator's Helm template rendering) was not found next to the bundle: Helm templates are not rendered (build it with npm run build, which needs Go)`,
    };
    return loaded;
  }
  try {
    const g = globalThis as Record<string, unknown>;
    // wasm_exec.js makes a stand-in for fs only where there is no global `fs`.
    const standIn = g.fs === undefined;
    if (typeof g.Go !== 'function') runInThisContext(readFileSync(join(dir, WASM_EXEC_FILE), 'utf8'));
    // wasm_exec.js's stand-in for fs prints Go's stdout/stderr with console.log: stdout is the LSP channel of the
    // language server, so whatever Go prints (it prints nothing unless it panics) goes to stderr. A global `fs` that
    // was there before is not ours to change: under `node -e` and in the REPL it is Node's own module, whose
    // writeSync process.stderr itself calls when it is a file (patched, every write looped until V8 gave up).
    const fs = g.fs as { writeSync?: unknown } | undefined;
    if (fs && standIn && !(fs as Record<string, unknown>).forkspacerPatched) {
      const decoder = new TextDecoder('utf-8');
      fs.writeSync = (_fd: number, buf: Uint8Array) => {
        process.stderr.write(decoder.decode(buf));
        return buf.length;
      };
      (fs as Record<string, unknown>).forkspacerPatched = true;
    }
    // (the project's lib has no WebAssembly types: Node's global, typed here as far as it is used)
    const wasm = g.WebAssembly as {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => object;
    };
    const GoClass = g.Go as new () => { importObject: object; run(i: object): Promise<void> };
    const go = new GoClass();
    const module = new wasm.Module(readFileSync(join(dir, WASM_FILE)));
    const instance = new wasm.Instance(module, go.importObject);
    void go.run(instance).catch(() => undefined); // main registers the functions synchronously, then waits forever
    const parse = g.forkspacerTemplateParse as ((t: string) => string) | undefined;
    const verdict = g.forkspacerHelmVerdict as OperatorWasm['verdict'] | undefined;
    if (typeof parse !== 'function' || typeof verdict !== 'function')
      throw new Error('its functions were not registered');
    loaded = { parse, verdict };
  } catch (e) {
    loaded = {
      unavailable: `${WASM_FILE} (the operator's Helm template rendering) could not be loaded: ${e instanceof Error ? e.message : String(e)}; Helm templates are not rendered`,
    };
  }
  return loaded;
}

/** Why rendering is off, or undefined when the wasm is loaded (loads it). */
export function operatorWasmUnavailable(): string | undefined {
  const w = load();
  return 'unavailable' in w ? w.unavailable : undefined;
}

const parseCache = new Map<string, string | undefined>();

/** text/template's own parse error for a string RenderSpec parses (`template: :1: unclosed action`), or undefined. */
export function goTemplateParseError(text: string): string | undefined {
  if (!isTemplated(text)) return undefined;
  if (parseCache.has(text)) return parseCache.get(text);
  const w = load();
  if ('unavailable' in w) return undefined;
  const error = w.parse(text) || undefined;
  if (parseCache.size > 5000) parseCache.clear();
  parseCache.set(text, error);
  return error;
}

const cache = new Map<string, HelmVerdict | Unavailable>();

/**
 * The Helm branch of the controller's newManager on a resource text: HandleResource (with `configJson`, the
 * Module's spec.config as JSON, or with none: the resource on its own, rendered with its defaults), then
 * RenderSpec(NewRenderData(config, releaseName)) and Validate. `fromJson`: the text is the JSON of spec.source.raw,
 * which the operator turns back into YAML first (readModuleFromRaw: sigs.k8s.io/yaml JSONToYAML).
 */
export function helmVerdict(
  resourceText: string,
  configJson: string | null,
  releaseName: string,
  fromJson = false,
): HelmVerdict | Unavailable {
  const key = `${fromJson ? 'j' : 'y'}\0${resourceText}\0${configJson ?? '\u0001'}\0${releaseName}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const w = load();
  if ('unavailable' in w) return w;
  let result: HelmVerdict | Unavailable;
  try {
    result = JSON.parse(w.verdict(resourceText, configJson, releaseName, fromJson)) as HelmVerdict;
  } catch (e) {
    result = { unavailable: `the operator's Helm rendering failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (cache.size > 500) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/** Whether any string of a (decoded) value is one RenderSpec executes. */
export function hasTemplates(v: unknown): boolean {
  if (typeof v === 'string') return isTemplated(v);
  if (Array.isArray(v)) return v.some(hasTemplates);
  if (v && typeof v === 'object') return Object.values(v).some(hasTemplates);
  return false;
}

/** One refusal placed on a string of the Helm spec (`specPath` is under the resource's `spec`). */
export interface RenderFinding {
  specPath: (string | number)[];
  message: string;
  /** The string's text, when the finding is on a templated string. */
  template?: string;
}

const TYPED_SCALAR = (path: (string | number)[]): boolean =>
  !(path[0] === 'values' && path[2] === 'raw') && !(path[0] === 'outputs' && path[2] === 'value');

/**
 * Where the operator's refusal sits: one finding per string whose template fails to execute (Go's map order decides
 * which one the operator names, so each gets its own), the field Validate names, or the strings whose rendered value
 * the typed spec cannot hold (a list or map in a string field). Empty when the verdict is not a render/validate one.
 */
export function renderFindings(v: HelmVerdict): RenderFinding[] {
  if (v.ok || (v.stage !== 'render' && v.stage !== 'validate')) return [];
  const inner = v.inner ?? v.error ?? '';
  const message = v.error ?? inner;
  if (v.stage === 'render') {
    const failing = v.strings.filter((s) => s.error !== undefined);
    if (failing.length)
      return failing.map((s) => ({
        specPath: s.path,
        message: `failed to render Helm module spec: ${s.error}`,
        template: s.text,
      }));
    const misfits = v.strings.filter(
      (s) => TYPED_SCALAR(s.path) && (s.type?.startsWith('[]') || s.type?.startsWith('map[')),
    );
    const at = misfits.length ? misfits : v.strings.slice(0, 1);
    return at.length ? at.map((s) => ({ specPath: s.path, message, template: s.text })) : [{ specPath: [], message }];
  }
  const entry = /^HelmModuleSpec values entry (\d+) /.exec(inner);
  const field: (string | number)[] = entry
    ? ['values', Number(entry[1])]
    : inner.startsWith('HelmModuleSpec Repo ')
      ? ['repo']
      : inner.startsWith('HelmModuleSpec Version ')
        ? ['version']
        : [];
  const under = v.strings.filter((s) => field.every((k, i) => s.path[i] === k));
  if (field.length && under.length)
    return [{ specPath: field.length === 1 ? field : under[0].path, message, template: under[0].text }];
  return [{ specPath: field, message }];
}

/** The config aliases a template names (`.config.x`, `index .config "x"`). */
export function configRefs(template: string): string[] {
  return [...template.matchAll(/\.config\.([A-Za-z_][A-Za-z0-9_]*)|index\s+\.config\s+"([^"]*)"/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}
