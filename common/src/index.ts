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
export { decodeResource, decodeResourceStaged, allProblems, type DecodeResult, type StagedDecode } from './decode';
export { fromMarshalled, fromValue, fromYaml, type TNode } from './typedDecode';
export { checkConfig, configProblems, validateValue } from './config';
export { readModule, moduleSpecProblems, type ModuleModel } from './module';
export { cronError } from './cron';
export {
  createResolver,
  type ResourceResolver,
  type ResolveResult,
  type ResolverOptions,
  type FetchText,
} from './resolve';
export {
  validateDocument,
  validateText,
  toDiagnostic,
  versionProblem,
  SOURCE,
  type ValidationContext,
} from './validate';
export { moduleInstallPlan, handleResource, type InstallPlan, type WaivableRule } from './install';
export { quickFixes, placeholder, yamlFlow, yamlString } from './fixes';
export { fixAll, minimalEdit, type FixAllResult, type FixAllSteps } from './fixAll';
