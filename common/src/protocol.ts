// Custom LSP messages between the extension (client) and the language server, declared once.
// Each constant is the method name; the interfaces are its params and result. Direction in the comment.
import type { Range } from 'vscode-languageserver-types';
import type { DocumentKind, RuleCode } from './types';

/** client → server, notification: the workspace trust changed. Untrusted: nothing is fetched over the network. */
export const SET_TRUSTED = 'forkspacer/setTrusted';
export interface SetTrustedParams {
  trusted: boolean;
}

/** Sent by the client in `initialize` as `initializationOptions`. Missing `trusted` means untrusted. */
export interface ServerInitializationOptions {
  trusted?: boolean;
}

/** client → server, request: the Forkspacer documents of one file (for views, code lenses and commands). */
export const LIST_DOCUMENTS = 'forkspacer/listDocuments';
export interface ListDocumentsParams {
  uri: string;
}
export interface ListedDocument {
  /** 0-based index of the YAML document in the file. */
  index: number;
  kind: DocumentKind;
  /** metadata.name, when written. */
  name?: string;
  /** `metadata.version` of a Custom/Helm resource. */
  version?: string;
  /** File range of the whole document. */
  range: Range;
  /** For a Module: where its resource comes from. */
  source?: { type: 'raw' | 'configMap' | 'httpURL' | 'none'; location?: string };
  /** For a Module: the resolved resource, when it could be resolved. */
  resource?: { kind: 'Custom' | 'Helm'; name: string; version: string };
  /** Counts of this document's diagnostics by severity (errors, warnings). */
  errors: number;
  warnings: number;
}
export interface ListDocumentsResult {
  documents: ListedDocument[];
}

/** client → server, request: a Module's effective config (the operator's verdict with defaults applied). */
export const EFFECTIVE_CONFIG = 'forkspacer/effectiveConfig';
export interface EffectiveConfigParams {
  uri: string;
  /** Index of the Module document in the file. */
  index: number;
}
export type EffectiveConfigResult =
  | { ok: true; config: Record<string, unknown>; resource: { kind: 'Custom' | 'Helm'; name: string; version: string } }
  | { ok: false; error: string; code?: RuleCode };

/** client → server, notification: drop cached resources (httpURL fetches, mapped files) and re-validate open files. */
export const REFRESH_RESOURCES = 'forkspacer/refreshResources';
export type RefreshResourcesParams = Record<string, never>;

/**
 * client → server, request: the text of a resource definition fetched from a URL, for the read-only editor that
 * go to definition opens (URIs `forkspacer-resource:/host/path?url=...`). Fails with a message when the resource
 * cannot be fetched (untrusted workspace, fetching disabled, network error).
 */
export const RESOURCE_TEXT = 'forkspacer/resourceText';
/** URI scheme of those read-only documents (served by the client's TextDocumentContentProvider). */
export const REMOTE_RESOURCE_SCHEME = 'forkspacer-resource';
export interface ResourceTextParams {
  url: string;
}
export type ResourceTextResult = { text: string } | { error: string };

/** client → server, request: the server's own counters and memory (for stress tests and bug reports). */
export const SERVER_STATS = 'forkspacer/serverStats';
/** The language server's validation counters (DiagnosticsPublisher). */
export interface PublisherStats {
  /** Validation runs started. */
  runs: number;
  /** Runs abandoned because a newer version of their file arrived (their result would be stale). */
  superseded: number;
  /** Edits folded into a later one by the debounce (no run started for them). */
  coalesced: number;
  /** Diagnostics notifications sent for a validated version. */
  published: number;
  /** Notifications of a first run's documents validated so far (before its complete one). */
  partial: number;
  /** Documents of published runs validated by the worker thread. */
  helped: number;
}

/** The language server's background warm-up (server/src/services/warmUp.ts): what it has done so far. */
export interface WarmUpProgress {
  /** Hovers on its sample (yaml-language-server's schema matching), of HOVER_ROUNDS. */
  hovers: number;
  completion: boolean;
  /** The Helm renderer loaded (in the user's first pause). */
  helm: boolean;
}

export interface ServerStatsResult {
  validation: PublisherStats;
  warmUp: WarmUpProgress;
  openDocuments: number;
  /** process.memoryUsage() in bytes. */
  memory: { rss: number; heapUsed: number; external: number };
}
