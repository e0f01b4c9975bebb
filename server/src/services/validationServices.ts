// The part of the services that validation needs (resources + verdicts), without yaml-language-server:
// `forkspacer validate` builds only this, so it never loads the language service (issue 12: start-up).
import { readFile } from 'node:fs/promises';
import type { FetchText, ValidationContext } from '../../../common/src';
import type { CoreSettings } from '../../../common/src/types';
import { ResourceService } from './resourceService';
import { ValidationService, type ValidationHelper } from './validationService';
import type { ClusterLookups } from './clusterLookups';

export interface ValidationServicesOptions {
  settings: CoreSettings;
  trusted: boolean;
  /** `await`: resolutions are awaited (CLI). `background`: validation never waits for the network (server). */
  mode: 'await' | 'background';
  onResolved?: (key: string) => void;
  fetchText?: FetchText;
  /** `local-host` for the editor (its host runs local plugin paths: warnings), default the operator's verdict. */
  audience?: ValidationContext['audience'];
  /** The language server's cluster checks (issue 9); configured with the full settings and the trust. */
  cluster?: ClusterLookups;
  /** ValidationServiceOptions.rememberFiles (the language server). */
  rememberFiles?: boolean;
  /** ValidationServiceOptions.helper (the language server's worker thread) and shareAfterMs. */
  helper?: ValidationHelper;
  shareAfterMs?: number;
  /** ValidationServiceOptions.quickParse (the CLI). */
  quickParse?: boolean;
}

export interface ValidationServices {
  resources: ResourceService;
  validation: ValidationService;
}

export function createValidationServices(options: ValidationServicesOptions): ValidationServices {
  const resources = new ResourceService(options.settings, options.trusted, {
    mode: options.mode,
    readFile: (path) => readFile(path, 'utf8'),
    ...(options.fetchText ? { fetchText: options.fetchText } : {}),
    ...(options.onResolved ? { onResolved: options.onResolved } : {}),
    ...(options.cluster ? { cluster: options.cluster } : {}),
  });
  const validation = new ValidationService({
    resources,
    settings: options.settings,
    ...(options.audience ? { audience: options.audience } : {}),
    ...(options.rememberFiles ? { rememberFiles: true } : {}),
    ...(options.helper ? { helper: options.helper } : {}),
    ...(options.shareAfterMs !== undefined ? { shareAfterMs: options.shareAfterMs } : {}),
    ...(options.quickParse ? { quickParse: true } : {}),
  });
  return { resources, validation };
}
