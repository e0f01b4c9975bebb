// The operator's typed decode of a resource definition (pkg/resources).
import type { ResourceDefinition } from './types';
import type { Problem } from './problem';

export interface DecodeResult {
  definition?: ResourceDefinition;
  problems: Problem[];
}

export function decodeResource(_value: unknown, _text?: string): DecodeResult {
  return { problems: [] };
}
