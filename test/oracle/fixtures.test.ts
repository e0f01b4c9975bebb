// The real files: every document of examples/ and test/fixtures/ goes through the Go oracle and our core, the same
// way as the generated cases (resource specs, embedded raw resources, Module configs, the constraint, the regexes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseYamlFile } from '../../common/src/index';
import { OPERATOR_VERSIONS, type OracleCase } from './generate';
import { buildOracle, runOracle } from './goOracle';
import { tsVerdict } from './tsVerdict';
import { compareVerdicts } from './compare';
import { exampleAndFixtureFiles } from '../yamlCorpus';

const ROOT = resolve(__dirname, '..', '..', '..');
/** Subjects for a definition's own regexes: its defaults plus a few common shapes of user input. */
const COMMON_SUBJECTS = ['', 'my-app', 'MyApp', 'app_1', 'v1.2.3', 'a b', 'caf\u00e9', '123', 'x\ny'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The oracle cases one document gives, each labelled with where it came from. */
function casesOf(file: string, text: string): { label: string; c: OracleCase }[] {
  const out: { label: string; c: OracleCase }[] = [];
  for (const doc of parseYamlFile(text).documents) {
    const label = `${relative(ROOT, file)} #${doc.index}`;
    const value = doc.value;
    if (doc.kind === 'custom' || doc.kind === 'helm') {
      out.push({ label, c: { id: 0, kind: 'specDecode', yaml: doc.text, items: [] } });
      const meta = isRecord(value) ? value['metadata'] : undefined;
      const sov = isRecord(meta) ? meta['supportedOperatorVersion'] : undefined;
      if (typeof sov === 'string') {
        out.push({ label, c: { id: 0, kind: 'constraint', constraint: sov, versions: [...OPERATOR_VERSIONS] } });
      }
      const items = isRecord(value) && Array.isArray(value['config']) ? value['config'] : [];
      for (const item of items) {
        const spec = isRecord(item) ? item['spec'] : undefined;
        if (!isRecord(spec) || typeof spec['regex'] !== 'string') continue;
        const subjects = [...COMMON_SUBJECTS, ...(typeof spec['default'] === 'string' ? [spec['default']] : [])];
        out.push({ label, c: { id: 0, kind: 'regex', pattern: spec['regex'], subjects } });
      }
    } else if (doc.kind === 'module') {
      out.push({ label, c: { id: 0, kind: 'moduleYaml', yaml: doc.text, entries: [] } });
      const source = isRecord(value) && isRecord(value['spec']) ? value['spec']['source'] : undefined;
      if (isRecord(source) && source['raw'] !== undefined) {
        out.push({ label, c: { id: 0, kind: 'rawDecode', yaml: doc.text, items: [] } });
      }
    }
  }
  return out;
}

test('every example and fixture document gets the same verdict from the Go libraries and from our core', () => {
  const labelled = exampleAndFixtureFiles()
    .flatMap((file) => casesOf(file, readFileSync(file, 'utf8')))
    .map((x, id) => ({ ...x, c: { ...x.c, id } }));
  assert.ok(labelled.length > 20, `only ${labelled.length} cases found in the examples and fixtures`);
  const go = runOracle(
    buildOracle(),
    labelled.map((x) => x.c),
  );
  const differing = labelled.flatMap((x, i) => {
    const d = compareVerdicts(x.c, go[i]!, tsVerdict(x.c));
    return d
      ? [`${x.label} [${x.c.kind}] differs at ${d.where}\n  Go: ${JSON.stringify(d.go)}\n  TS: ${JSON.stringify(d.ts)}`]
      : [];
  });
  const perKind = new Map<string, number>();
  for (const x of labelled) perKind.set(x.c.kind, (perKind.get(x.c.kind) ?? 0) + 1);
  const kinds = [...perKind].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(
    `oracle fixtures: ${labelled.length} cases (${kinds}) from examples/ and test/fixtures/; ${differing.length} disagree`,
  );
  assert.deepEqual(differing, []);
});
