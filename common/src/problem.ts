// A rule's finding before it is placed in a file: the validator maps `path` to an LSP range.
import type { RuleCode } from './types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A path of map keys and sequence indexes from a document's root (or a resource's root). */
export type YamlPath = readonly (string | number)[];

export interface Problem {
  code: RuleCode;
  severity: Severity;
  message: string;
  /** Where the finding sits, from the root of the value that was checked. */
  path: YamlPath;
  /** Underline the key (e.g. an unknown alias) or the value (the default). */
  on?: 'key' | 'value';
  /** What a quick fix needs (alias, allowed values, default...). */
  data?: Record<string, unknown>;
}
