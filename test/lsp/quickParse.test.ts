// The validation service with the quick front end first (`forkspacer validate`'s) gives the verdicts it gives
// with the `yaml` library's parse alone: the same diagnostics, file by file, on the repository's YAML and on seeded
// mutations of it, with most clean documents decided by the quick parse alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseSettings } from '../../common/src/settings';
import { composeQuickly } from '../../common/src/quickCompose';
import { createValidationServices } from '../../server/src/services/validationServices';
import { splitYamlDocuments } from '../../server/src/services/documentSplitter';
import { corpus, mutations } from '../yamlCorpus';
import { moduleWithResource } from './fixtures';

const settings = normaliseSettings(undefined);

async function compare(texts: string[]): Promise<{ quickClean: number; quickFound: number }> {
  // The quick service first: the reference parses it makes for its findings are cached, the quick ones are not.
  const quick = createValidationServices({ settings, trusted: false, mode: 'await', quickParse: true });
  const reference = createValidationServices({ settings, trusted: false, mode: 'await' });
  let quickClean = 0;
  let quickFound = 0;
  for (const [i, text] of texts.entries()) {
    const taken = splitYamlDocuments(text).filter((s) => composeQuickly(s.text) !== undefined).length;
    const ours = (await quick.validation.validateFile(`file:///q${i}.yaml`, text))?.diagnostics ?? [];
    const theirs = (await reference.validation.validateFile(`file:///r${i}.yaml`, text))?.diagnostics ?? [];
    assert.deepEqual(ours, theirs, `text ${i}:\n${text}`);
    if (taken && ours.length === 0) quickClean++;
    else if (taken) quickFound++;
  }
  return { quickClean, quickFound };
}

test('the quick parse gives the yaml library’s verdicts on the repository’s YAML', async () => {
  const texts = [...corpus(), moduleWithResource('clean', '  config:\n    env: staging\n')];
  const { quickClean } = await compare(texts);
  assert.ok(quickClean >= 20, `quick and clean: ${quickClean} of ${texts.length}`);
});

test('the quick parse gives the yaml library’s verdicts on mutations of it', async () => {
  const texts = mutations(1500, 34);
  const { quickClean, quickFound } = await compare(texts);
  // Both sides of the quick path ran: clean verdicts it decided, findings it handed to the yaml library's parse.
  assert.ok(quickClean >= 100 && quickFound >= 100, `quick and clean ${quickClean}, quick with findings ${quickFound}`);
});
