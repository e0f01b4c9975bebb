// The operator's Go module, github.com/forkspacer/forkspacer v0.1.7, comes from the public Go proxy on a user's
// machine: nothing is needed there. On the project's build machines the reachable proxy refuses that module and
// ../shared/goproxy (next to the repository) is a file-based proxy serving it. This puts that folder in front of the
// usual proxy, and skips the checksum database for that one module, only where the folder exists.
//
// Used by the tests (scripts/run-tests.mjs, test/host, test/e2e), scripts/try.mjs and, as a command, by .ci/run:
//   eval "$(node scripts/goproxy.cjs)"   prints `export GOPROXY=... GONOSUMDB=...` (nothing where there is no folder)
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, loadable from the .mjs scripts and the compiled tests */
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

const MODULE = 'github.com/forkspacer/forkspacer';
const ROOT = resolve(__dirname, '..');

/** `env` with the local file proxy added (a new object), or `env` itself where ../shared/goproxy does not exist. */
function withLocalGoProxy(env = process.env, root = ROOT) {
  const dir = resolve(root, '..', 'shared', 'goproxy');
  if (!existsSync(dir)) return env;
  const url = pathToFileURL(dir).href;
  const proxy = env.GOPROXY || goEnv('GOPROXY', env) || 'https://proxy.golang.org,direct';
  const nosumdb = env.GONOSUMDB || '';
  return {
    ...env,
    GOPROXY: proxy.split(/[,|]/).includes(url) ? proxy : `${url},${proxy}`,
    GONOSUMDB: nosumdb.split(',').includes(MODULE) ? nosumdb : [nosumdb, MODULE].filter(Boolean).join(','),
  };
}

function goEnv(name, env) {
  try {
    return execFileSync('go', ['env', name], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return ''; // no go here: whatever runs go later reports that
  }
}

module.exports = { withLocalGoProxy };

if (require.main === module) {
  const env = withLocalGoProxy();
  const quote = (v) => `'${v.replace(/'/g, `'\\''`)}'`;
  if (env !== process.env) console.log(`export GOPROXY=${quote(env.GOPROXY)} GONOSUMDB=${quote(env.GONOSUMDB)}`);
}
