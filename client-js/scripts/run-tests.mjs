// `npm test`: runs every test/**/*.test.{js,mjs,cjs} file with Node's built-in test runner.
// The files are listed here rather than handing `node --test` the folder, because a folder argument means
// different things across Node versions, and because helpers and fixtures live beside the tests in test/.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const testDir = join(packageRoot, 'test');
const isTestFile = (path) => /\.test\.[cm]?js$/.test(path);

const files = existsSync(testDir)
  ? readdirSync(testDir, { recursive: true }).filter(isTestFile).sort().map((path) => join('test', path))
  : [];

if (files.length === 0) {
  console.log('client-js: no test files yet (test/**/*.test.mjs); nothing to run.');
  process.exit(0);
}

const run = spawnSync(process.execPath, ['--test', ...files], { cwd: packageRoot, stdio: 'inherit' });
process.exit(run.status ?? 1);
