// The public surface of the pure Forkspacer core. Server, host and CLI import from here only.
export * from './types';
export type { Problem, Severity, YamlPath } from './problem';
export {
  parseYamlFile,
  rangeOf,
  positionAt,
  offsetAt,
  documentRange,
  nodeAt,
  splitDocuments,
  computeLineStarts,
  type ParsedFile,
  type ParsedDocument,
} from './document';
export { kubectlValue, yamlV3Value, yamlV3Bool, resolvePlain, type GoYamlMode } from './goYaml';
export { parseConstraint, constraintAllows, type Constraint, type ConstraintResult } from './constraint';
export { compileRe2, re2Find, type Re2Result } from './re2';
export { decodeResource, type DecodeResult } from './decode';
export { checkConfig, configProblems } from './config';
export {
  createResolver,
  type ResourceResolver,
  type ResolveResult,
  type ResolverOptions,
  type FetchText,
} from './resolve';
export { validateDocument, validateText, type ValidationContext } from './validate';
export { moduleInstallPlan, type InstallPlan } from './install';
export { quickFixes } from './fixes';
