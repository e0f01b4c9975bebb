// `go mod tidy` in a plugin's module: what fills go.sum and adds the requirements the code imports. The host runs
// it on the first Install of a folder without go.sum (a plugin scaffolded or written by hand), the extension runs it
// after "New Custom Resource" and from the "Run go mod tidy" button of a build that failed for that reason.
// The go command reaches the module proxy through the inherited environment (GOPROXY, GONOSUMDB...).
import { runCommand } from './command';
import { goEnv, type GoEnv } from './goToolchain';

/** A plugin build failed because go.mod/go.sum do not cover what the code imports: `go mod tidy` in `dir` fixes it. */
export class GoModTidyNeeded extends Error {
  constructor(
    message: string,
    readonly dir: string,
  ) {
    super(message);
    this.name = 'GoModTidyNeeded';
  }
}

// What go prints when the module files lag behind the code. Its own hint ("to add: go get ...", "go mod download")
// fixes one package at a time and often not the build; `go mod tidy` fixes all of it.
const STALE = [/missing go\.sum entry/, /go: updates to go\.mod needed/, /no required module provides package/];

/**
 * What go says is out of date in go.mod/go.sum, from its first such line without the source position, the
 * "(imported by ...)" and go's hint ("missing go.sum entry for module providing package github.com/go-logr/logr"),
 * or undefined when the build failed for another reason.
 */
export function staleModuleFiles(output: string): string | undefined {
  const lines = output.split('\n').filter((l) => STALE.some((re) => re.test(l)));
  if (!lines.length) return undefined;
  const first = lines[0]
    .replace(/;\s*to (add|update)( it)?:?\s*$/, '')
    .replace(/^\S+\.go:\d+:\d+:\s*/, '')
    .replace(/\s*\(imported by [^)]*\)/, '')
    .trim();
  return lines.length > 1 ? `${first}, and ${lines.length - 1} more` : first;
}

export interface TidyOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** go's progress lines ("go: downloading k8s.io/client-go v0.34.1") as they come. */
  progress?: (line: string) => void;
}

const inFlight = new Map<string, Promise<void>>();

/** Runs `go mod tidy` in `dir` (one at a time per folder); throws with go's output when it fails. */
export function goModTidy(go: GoEnv, dir: string, options: TidyOptions): Promise<void> {
  let run = inFlight.get(dir);
  if (!run) {
    run = tidy(go, dir, options).finally(() => inFlight.delete(dir));
    inFlight.set(dir, run);
  }
  return run;
}

async function tidy(go: GoEnv, dir: string, options: TidyOptions): Promise<void> {
  let partial = '';
  const result = await runCommand(go.goBinary, ['mod', 'tidy'], {
    cwd: dir,
    env: goEnv(go),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onOutput: (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.progress?.(line.trim());
    },
  });
  if (result.code === 0) return;
  const why = result.timedOut
    ? `timed out after ${Math.round(options.timeoutMs / 1000)} s`
    : result.cancelled
      ? 'cancelled'
      : /ENOENT/.test(result.output) && result.code === null
        ? `the Go toolchain '${go.goBinary}' was not found (install Go or set forkspacer.goPath)`
        : result.output.trim() || `exit code ${result.code}`;
  const error = new Error(`go mod tidy in ${dir} failed: ${why}`);
  if (result.cancelled) error.name = 'AbortError';
  throw error;
}
