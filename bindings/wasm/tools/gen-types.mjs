// Generates pkg/types/{decision,report,diagnostic,description}.d.ts from the
// JSON Schemas the engine itself prints (through the freshly built Node
// package), so the TypeScript types cannot drift from the Rust types.
//
// Usage: node tools/gen-types.mjs <pkg dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const pkg = resolve(process.argv[2] ?? 'pkg');
const { schema } = await import(pathToFileURL(join(pkg, 'node.js')).href);

// schemars puts a field's doc comment next to its `$ref`; json-schema-to-
// typescript would then declare a copy of the referenced type
// (`ScoreRange1`). Keep the reference alone.
function bareRefs(node) {
  if (Array.isArray(node)) return node.map(bareRefs);
  if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') return { $ref: node.$ref };
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, bareRefs(v)]));
  }
  return node;
}

mkdirSync(join(pkg, 'types'), { recursive: true });
for (const name of ['decision', 'report', 'diagnostic', 'description']) {
  const ts = await compile(bareRefs(schema(name)), name, {
    bannerComment: `// Generated from \`ennakko schema ${name}\` by bindings/wasm/tools/gen-types.mjs. Do not edit.`,
    additionalProperties: false,
    strictIndexSignatures: false,
    format: true,
  });
  writeFileSync(join(pkg, 'types', `${name}.d.ts`), ts);
}
console.log(`types written to ${join(pkg, 'types')}`);
