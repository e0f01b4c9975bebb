// Messages between the language server and its validation worker (validationHelper.ts, validationWorker.ts).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ValidationContext } from '../../../common/src';
import type { CoreSettings, DocumentKind } from '../../../common/src/types';
import type { DocumentSegment } from '../services/documentSplitter';

/** workerData of the worker: marks the thread as the validation worker (main.ts). */
export interface WorkerIdentity {
  forkspacerValidationWorker: true;
}

/** server → worker: validate these documents, the last first, until told to stop. */
export interface JobMessage {
  type: 'job';
  id: number;
  uri: string;
  settings: CoreSettings;
  trusted: boolean;
  audience?: ValidationContext['audience'];
  segments: DocumentSegment[];
}

/** server → worker: the job is done with (the server met the worker's documents, or the run was abandoned). */
export interface StopMessage {
  type: 'stop';
  id: number;
}

/** worker → server: one document's verdict; `cacheable` when it read nothing beyond its own text. */
export interface VerdictMessage {
  type: 'verdict';
  id: number;
  index: number;
  kind: DocumentKind;
  title: string;
  diagnostics: Diagnostic[];
  cacheable: boolean;
}

export type ToWorker = JobMessage | StopMessage;
