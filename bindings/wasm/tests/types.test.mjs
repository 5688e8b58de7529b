// The TypeScript definitions type-check a realistic use of the package
// under `--strict`, and reject misuse (see types/usage.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));

test('TypeScript definitions type-check (tsc --strict)', { skip: !existsSync(tsc) && 'typescript not installed' }, () => {
  const result = spawnSync(process.execPath, [tsc, '-p', `${here}types/tsconfig.json`], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('the document types are interfaces, not any', () => {
  for (const name of readdirSync(`${pkg}types`)) {
    const text = readFileSync(`${pkg}types/${name}`, 'utf8');
    assert.ok(!/:\s*any\b/.test(text), `${name} uses any`);
    assert.match(text, /export interface /, name);
  }
  const index = readFileSync(`${pkg}index.d.ts`, 'utf8');
  assert.ok(!/\bany\b/.test(index.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')), 'index.d.ts uses any');
});
