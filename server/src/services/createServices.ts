// Builds the services the server and the CLI share, from settings and a trust flag.
import type { CoreSettings } from '../../../common/src/types';
import { LanguageFeatures } from './languageFeatures';
import type { ResourceService } from './resourceService';
import type { ValidationService } from './validationService';
import { createValidationServices, type ValidationServicesOptions } from './validationServices';
import { YamlService } from './yamlService';
import { retainSyntaxForEditor } from '../../../common/src/document';
import type { ForkspacerSettings } from '../../../common/src/settings';

export interface Services {
  yaml: YamlService;
  resources: ResourceService;
  validation: ValidationService;
  features: LanguageFeatures;
  /** New settings or trust: resources and verdicts are dropped (callers re-validate). */
  configure(settings: CoreSettings | ForkspacerSettings, trusted: boolean): void;
}

export type ServicesOptions = ValidationServicesOptions;

export function createServices(options: ServicesOptions): Services {
  // The validation's parses are kept whole, for yaml-language-server's completion and hover (sharedParse.ts).
  retainSyntaxForEditor();
  const yaml = new YamlService();
  // The editor's services: each open file's last split and verdicts are kept (forgotten on close).
  const { resources, validation } = createValidationServices({ rememberFiles: true, ...options });
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
