// A plugin path (rule repo-file-scheme): the operator refuses it, so `forkspacer validate` (audience `operator`,
// the default) reports an error; the editor (audience `local-host`) warns, since its local host builds the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver } from '../../../common/src/resolve';
import { validateText, type ValidationContext } from '../../../common/src/validate';
import { EXAMPLES, moduleWith, offlineFetch, settings } from './helpers';

const resource = (file: string) => `kind: Custom
metadata:
  name: local
  version: 1.0.0
  supportedOperatorVersion: ">= 0.0.0, < 1.0.0"
spec:
  repo:
    file: ${file}
`;

async function schemeFindings(text: string, audience?: ValidationContext['audience']) {
  const s = settings({ urlMappings: [{ prefix: 'https://example.com/local/', folder: EXAMPLES }] });
  const diagnostics = await validateText(text, {
    settings: s,
    resolver: createResolver({ settings: s, fetchText: offlineFetch }),
    ...(audience ? { audience } : {}),
  });
  return diagnostics.filter((d) => d.code === 'repo-file-scheme');
}

test('a Go source folder: an error for the operator, a warning saying what each side does for the editor', async () => {
  const [operator] = await schemeFindings(resource('./plugins/my-plugin'));
  assert.equal(operator?.severity, 1);
  assert.match(operator!.message, /file must be an http\(s\) URL/);
  const [editor] = await schemeFindings(resource('./plugins/my-plugin'), 'local-host');
  assert.equal(editor?.severity, 2);
  assert.equal(
    editor!.message,
    "the operator downloads only http(s) plugin URLs and refuses './plugins/my-plugin'; the local host builds this Go source folder (publish the .so at an http(s) URL for a cluster)",
  );
  assert.deepEqual(editor!.range, operator!.range, 'on the same value');
});

test('a .so path is loaded, not built; an embedded resource in a Module is treated the same', async () => {
  const [so] = await schemeFindings(resource('file:///tmp/plugin.so'), 'local-host');
  assert.equal(so?.severity, 2);
  assert.match(so!.message, /the local host loads this \.so/);
  const module = moduleWith('', '    {}').replace('file: https://example.com/plugin.so', 'file: ../plugins/demo');
  assert.equal((await schemeFindings(module))[0]?.severity, 1);
  assert.equal((await schemeFindings(module, 'local-host'))[0]?.severity, 2);
});

test('an http(s) URL is fine for both, and other refusals stay errors for the editor', async () => {
  assert.deepEqual(await schemeFindings(resource('https://example.com/p.so'), 'local-host'), []);
  const s = settings();
  const bad = resource('./plugins/x').replace('>= 0.0.0, < 1.0.0', '>= 9.0.0');
  const diagnostics = await validateText(bad, {
    settings: s,
    resolver: createResolver({ settings: s, fetchText: offlineFetch }),
    audience: 'local-host',
  });
  assert.equal(diagnostics.find((d) => d.code === 'operator-version-unsupported')?.severity, 1);
});
