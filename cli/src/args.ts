// A thin wrapper over node:util parseArgs that turns its errors into usage errors (exit code 2).
import { parseArgs as nodeParseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** By name, not instanceof: each command's bundle (dist/cli/<name>.js) has its own copy of this class. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError';
}

type Options = NonNullable<Parameters<typeof nodeParseArgs>[0]>['options'];

export function parseArgs<O extends Options>(argv: string[], options: O) {
  try {
    return nodeParseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
