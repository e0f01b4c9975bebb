// `forkspacer validate --cache`: verdicts kept on disk between runs, like `eslint --cache` (issue 12). One entry
// per YAML document, keyed by the SHA-1 of its text; the whole file is valid only for one identity: the bytes of
// the running validator (its bundle, so any change of a rule starts afresh), the settings and the trust. Only
// verdicts that read nothing outside their own text are kept (no httpURL resource, fetched or mapped to a folder):
// those are always checked again. A cache that cannot be read is ignored (a cold run); one that cannot be written
// only costs the next run its speed-up.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CoreSettings } from '../../../common/src/types';

const FORMAT = 1;

interface CacheFile {
  format: number;
  identity: string;
  entries: Record<string, Diagnostic[]>;
}

export class DiskCache {
  private readonly stored: Record<string, Diagnostic[]>;
  private readonly used: Record<string, Diagnostic[]> = {};
  hits = 0;
  misses = 0;

  private constructor(
    private readonly path: string,
    private readonly identity: string,
    stored: Record<string, Diagnostic[]>,
  ) {
    this.stored = stored;
  }

  /** Opens the cache at `path` for this validator, these settings and this trust. */
  static open(path: string, settings: CoreSettings, trusted: boolean): DiskCache {
    const identity = cacheIdentity(settings, trusted);
    let stored: Record<string, Diagnostic[]> = {};
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
      if (file.format === FORMAT && file.identity === identity && file.entries && typeof file.entries === 'object')
        stored = file.entries;
    } catch {
      // missing or unreadable: a cold run
    }
    return new DiskCache(path, identity, stored);
  }

  /** The diagnostics (document coordinates) of a document text seen before, if any. */
  get(text: string): Diagnostic[] | undefined {
    const key = digest(text);
    const known = Object.prototype.hasOwnProperty.call(this.stored, key) ? this.stored[key] : undefined;
    if (Array.isArray(known)) {
      this.hits++;
      this.used[key] = known;
      return known;
    }
    this.misses++;
    return undefined;
  }

  set(text: string, diagnostics: Diagnostic[]): void {
    this.used[digest(text)] = diagnostics;
  }

  /** Writes the entries of this run's documents (others are dropped, so the file tracks the repository). */
  save(): void {
    const file: CacheFile = { format: FORMAT, identity: this.identity, entries: this.used };
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify(file));
      renameSync(temporary, this.path);
    } catch {
      // read-only checkout: the next run is cold
    }
  }
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

let validatorBytes: string | undefined;

/** The running validator's own bytes (the command's bundle; under tsc, this file), settings and trust. */
export function cacheIdentity(settings: CoreSettings, trusted: boolean): string {
  if (validatorBytes === undefined) {
    try {
      validatorBytes = createHash('sha1').update(readFileSync(__filename)).digest('hex');
    } catch {
      validatorBytes = String(Date.now()); // unknown code: never match an earlier run
    }
  }
  return createHash('sha1')
    .update(JSON.stringify({ validator: validatorBytes, node: process.version, settings, trusted }))
    .digest('hex');
}
