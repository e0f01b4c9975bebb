// Builds the services the server and the CLI share, from settings and a trust flag.
import { readFile } from 'node:fs/promises';
import type { FetchText, ValidationContext } from '../../../common/src';
import type { CoreSettings } from '../../../common/src/types';
import { LanguageFeatures } from './languageFeatures';
import { ResourceService } from './resourceService';
import { ValidationService } from './validationService';
import { YamlService } from './yamlService';
import type { ClusterLookups } from './clusterLookups';
import type { ForkspacerSettings } from '../../../common/src/settings';

export interface Services {
  yaml: YamlService;
  resources: ResourceService;
  validation: ValidationService;
  features: LanguageFeatures;
  /** New settings or trust: resources and verdicts are dropped (callers re-validate). */
  configure(settings: CoreSettings | ForkspacerSettings, trusted: boolean): void;
}

export interface ServicesOptions {
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
}

export function createServices(options: ServicesOptions): Services {
  const yaml = new YamlService();
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
  });
  const features = new LanguageFeatures(yaml, resources, validation);
  return {
    yaml,
    resources,
    validation,
    features,
    configure(settings, trusted) {
      if (options.cluster && 'cluster' in settings) options.cluster.configure(settings, trusted);
      resources.configure(settings, trusted);
      validation.configure(settings);
    },
  };
}
