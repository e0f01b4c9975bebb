// A Go panic made readable: the one-line message names the panic value and the plugin's own `file.go:line`, the
// detail (for the log) lists the plugin's frames first, then the whole stack as Go printed it. Two sources: a
// panic the runner recovered (its value and debug.Stack()), and a crash report on stderr (a panic in a plugin
// goroutine, which nothing can recover: "panic: ...", then "goroutine N [running]:" and its frames). Pure.
import { basename } from 'node:path';

export interface GoFrame {
  /** The function, e.g. `example.com/my-plugin.manager.Install` (arguments dropped). */
  func: string;
  file: string;
  line: number;
}

export interface PanicSummary {
  /** `panic in install: assignment to entry in nil map (main.go:34)`. */
  message: string;
  /** The plugin's frames first, then the full stack. */
  detail: string;
}

/** The frames of a Go stack text (`func(args)` then `\t/file.go:12 +0x1f`; `created by ...` lines included). */
export function parseGoStack(text: string): GoFrame[] {
  const lines = text.split('\n');
  const frames: GoFrame[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const where = /^\t(.+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/.exec(lines[i + 1]!);
    if (!where || lines[i]!.startsWith('\t')) continue;
    const func = lines[i]!.replace(/^created by /, '')
      .replace(/ in goroutine \d+$/, '')
      .replace(/\(.*\)$/, '');
    frames.push({ func, file: where[1]!, line: Number(where[2]) });
    i++;
  }
  return frames;
}

/**
 * The plugin's own frames: functions of its package (or a package below it), as the runner named it. Without that
 * name (an old runner), every frame that is neither Go's runtime, the runner (`main.`) nor a module dependency.
 */
export function pluginFrames(frames: readonly GoFrame[], pluginPackage: string | undefined): GoFrame[] {
  if (pluginPackage)
    return frames.filter((f) => f.func.startsWith(`${pluginPackage}.`) || f.func.startsWith(`${pluginPackage}/`));
  return frames.filter(
    (f) =>
      !/^(runtime|runtime\/debug|panic|main)[.(]/.test(f.func) &&
      f.func !== 'panic' &&
      !/\/pkg\/mod\//.test(f.file) &&
      !/\/src\/runtime\//.test(f.file),
  );
}

function summarise(headline: string, stack: string, pluginPackage: string | undefined): PanicSummary {
  const frames = parseGoStack(stack);
  const own = pluginFrames(frames, pluginPackage);
  const at = own[0] ? ` (${basename(own[0].file)}:${own[0].line})` : '';
  const ownText = own.length
    ? `the plugin's frames:\n${own.map((f) => `  ${f.func}\n      ${f.file}:${f.line}`).join('\n')}`
    : 'no frame of the plugin in the stack';
  return { message: `${headline}${at}`, detail: `${headline}${at}\n${ownText}\nfull stack:\n${stack.trimEnd()}` };
}

/** A panic the runner recovered while calling `where` (NewManager, install, ...). */
export function recoveredPanic(
  where: string,
  report: { value: string; stack: string },
  pluginPackage?: string,
): PanicSummary {
  return summarise(`panic in ${where}: ${report.value}`, report.stack, pluginPackage);
}

/** A crash report on stderr ("panic: value" / "fatal error: ..." and the goroutines), or undefined when there is none. */
export function crashPanic(stderr: readonly string[], pluginPackage?: string): PanicSummary | undefined {
  const start = stderr.findIndex((l) => /^(panic|fatal error): /.test(l));
  if (start < 0) return undefined;
  const first = stderr[start]!;
  const headline = first.startsWith('panic: ')
    ? `panic in a plugin goroutine: ${first.slice('panic: '.length).replace(/ \[recovered\]$/, '')}`
    : first;
  return summarise(headline, stderr.slice(start + 1).join('\n'), pluginPackage);
}
