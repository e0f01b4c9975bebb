// Runs every code path of a validation once on small samples (schema compilation, the core's rules, the
// JIT), so that the first file a user opens is not the one that pays for it. Called at initialize; the
// slower paths (completion, hover, Helm templates) run in the background, in the user's first pause.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Services } from './createServices';
import { IDLE_QUIET_MS } from './languageFeatures';

const SAMPLES = [
  `apiVersion: batch.forkspacer.com/v1
kind: Module
metadata:
  name: warm-up
spec:
  workspace:
    name: dev
  source:
    raw:
      kind: Custom
      metadata:
        name: warm-up
        version: 1.0.0
        supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
      config:
        - { type: option, name: Env, alias: env, spec: { values: [a, b], default: a, editable: true } }
        - { type: integer, name: Replicas, alias: replicas, spec: { min: 1, max: 3, editable: true } }
        - { type: string, name: Name, alias: name, spec: { regex: "^[a-z]+$", editable: true } }
        - { type: boolean, name: Debug, alias: debug, spec: { editable: true } }
        - { type: float, name: Ratio, alias: ratio, spec: { min: 0.5, editable: true } }
        - { type: multiple-options, name: Features, alias: features, spec: { values: [x, y], max: 1, editable: true } }
      spec:
        repo:
          file: https://example.com/plugin.so
  config:
    env: b
    replicas: 2
`,
  `apiVersion: batch.forkspacer.com/v1
kind: Workspace
metadata:
  name: warm-up
spec:
  type: kubernetes
  connection:
    type: local
`,
];

/**
 * A Helm resource whose values hold a template: its check renders it with the operator's own code, compiled to
 * WebAssembly (helmRender.ts); loading that takes about 250 ms (synchronously: Go's start), so it is warmed in the
 * background, in a pause.
 */
const HELM_SAMPLE = `kind: Helm
metadata:
  name: warm-up
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0"
config:
  - { type: integer, name: Replicas, alias: replicas, spec: { default: 1, editable: true } }
spec:
  namespace: default
  repo: https://charts.example.com
  chartName: app
  version: 1.0.0
  values:
    - raw:
        replicaCount: "{{ .config.replicas }}"
`;

/** Samples for a worker thread's JIT (distinct texts: each is validated, none comes from a cache). */
export function workerWarmUpTexts(count = 120): string[] {
  return Array.from({ length: count }, (_, i) => SAMPLES[i % SAMPLES.length]!.replace(/warm-up/g, `warm-up-${i}`));
}

export async function warmUp(services: Services): Promise<void> {
  for (const [index, text] of SAMPLES.entries()) {
    await services.validation.validateSegment('forkspacer-warm-up:///sample.yaml', {
      index,
      startOffset: 0,
      endOffset: text.length,
      startLine: 0,
      text,
    });
  }
}

/** Warm-up hovers: enough for the JIT to optimise yaml-language-server's schema matching (see below). */
const HOVER_ROUNDS = 150;

/**
 * Completion and hover paths (yaml-language-server's schema resolution, a few hundred ms on a cold JIT) and the
 * Helm template check (HELM_SAMPLE): each step waits for `idle` first, so that it never delays the first files'
 * diagnostics nor a request (issue 12: the files an editor opens with the workspace arrive right after initialize).
 */
export async function warmUpInBackground(services: Services, idle: () => Promise<void>): Promise<void> {
  const uri = 'forkspacer-warm-up:///sample.yaml';
  const text = SAMPLES[0]!;
  await idle();
  await services.features.completion(uri, text, { line: 27, character: 4 });
  await idle();
  // The Helm renderer's load, the longest step (about 250 ms on this thread: the wasm's compile, Go's start and its
  // first render), early in the pause; the hovers follow it at once rather than after another pause, so that all
  // is done within the first second of the user's first pause (the bench's one-second pause, issue 12).
  await services.validation.validateSegment(uri, {
    index: 0,
    startOffset: 0,
    endOffset: HELM_SAMPLE.length,
    startLine: 0,
    text: HELM_SAMPLE,
  });
  // Hover's schema matching is yaml-language-server's validator, which our diagnostics never run: cold, the user's
  // first hovers took 0.8-1.1 ms where the plain yaml-language-server (whose validation runs it on every edit) took
  // 0.5 ms; warm, ours takes 0.4 ms (issue 12). So more, one per event-loop turn while nothing else comes, over
  // the sample's lines (straight to the library: a hover through `features` counts as the user's activity and
  // ends the pause: that one comes last).
  const lines = text.split('\n').length - 1;
  for (let round = 0; round < HOVER_ROUNDS; round++) {
    await nextTurn();
    if (!services.features.quietFor(IDLE_QUIET_MS)) await idle();
    await services.yaml.hover('module', `${uri}#0`, text, { line: round % lines, character: 2 + (round % 7) * 2 });
  }
  await services.features.hover(uri, text, { line: 6, character: 6 });
  await idle();
  services.features.symbols(uri, text);
  services.features.forget(uri);
  services.yaml.forget(uri);
}
