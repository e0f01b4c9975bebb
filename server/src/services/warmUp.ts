// Runs every code path of a validation once on small samples (schema compilation, the core's rules, the
// JIT), so that the first file a user opens is not the one that pays for it. Called at initialize; the
// slower paths (completion, hover, Helm templates) run in the background (warmUpInBackground).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { WarmUpProgress } from '../../../common/src/protocol';
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
export const HOVER_ROUNDS = 150;
/** Warm-up hovers run for up to this long in one event-loop turn (a large file's validation yields every 8 ms). */
const HOVER_TURN_MS = 2;

export interface WarmUpWaits {
  /**
   * Until no request or edit came for a moment and the files being validated show their first diagnostics: for
   * steps of a few ms, which may run between a large file's validation slices.
   */
  soon: () => Promise<void>;
  /** Until the user's first pause (no validation, request or edit for a while): for a step that blocks longer. */
  idle: () => Promise<void>;
}

/**
 * Hover and completion paths (yaml-language-server's schema resolution and schema matching, which our diagnostics
 * never run) and the Helm template check (HELM_SAMPLE). The hovers and the completion come first and as soon as
 * nobody types, in steps of about 2 ms (the first, the schema's resolution, about 20 ms), also while a large file
 * is validated: cold, the hovers of a user who hovers right after opening a file and typing took 2-4 times the
 * plain yaml-language-server's, whose validation runs that matching on every edit (issue 12). The Helm renderer's
 * load blocks the thread for about 250 ms, so it waits for a pause. `progress` counts what is done (serverStats).
 */
export async function warmUpInBackground(
  services: Services,
  waits: WarmUpWaits,
  progress: WarmUpProgress = { hovers: 0, completion: false, helm: false },
): Promise<void> {
  const uri = 'forkspacer-warm-up:///sample.yaml';
  const text = SAMPLES[0]!;
  // Straight to the library while nobody types (a hover through `features` counts as the user's activity and
  // would stop the idle-time parses: that one comes last), over the sample's lines, each on a text of its own: a
  // parse keeps its matches for hover (hoverMatches.ts), and the matching is what needs the JIT.
  const lines = text.split('\n').length - 1;
  while (progress.hovers < HOVER_ROUNDS) {
    await nextTurn();
    if (progress.hovers === 0 || !services.features.quietFor(IDLE_QUIET_MS)) await waits.soon();
    const turnEnds = performance.now() + HOVER_TURN_MS;
    do {
      const round = progress.hovers++;
      const variant = text.replace('name: warm-up\n', `name: warm-up-${round}\n`);
      await services.yaml.hover('module', `${uri}#0`, variant, { line: round % lines, character: 2 + (round % 7) * 2 });
    } while (progress.hovers < HOVER_ROUNDS && performance.now() < turnEnds);
  }
  await waits.soon();
  await services.features.completion(uri, text, { line: 27, character: 4 });
  progress.completion = true;
  await waits.soon();
  await services.features.hover(uri, text, { line: 6, character: 6 });
  await waits.soon();
  services.features.symbols(uri, text);
  await waits.idle();
  await services.validation.validateSegment(uri, {
    index: 0,
    startOffset: 0,
    endOffset: HELM_SAMPLE.length,
    startLine: 0,
    text: HELM_SAMPLE,
  });
  progress.helm = true;
  services.features.forget(uri);
  services.yaml.forget(uri);
}
