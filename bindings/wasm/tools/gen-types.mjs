// Generates pkg/types/{decision,report,diagnostic,description,template-check,rollup}.d.ts
// from the JSON Schemas the engine itself prints (through the freshly built
// Node package), so the TypeScript types cannot drift from the Rust types.
//
// Usage: node tools/gen-types.mjs <pkg dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const pkg = resolve(process.argv[2] ?? 'pkg');
const { schema } = await import(pathToFileURL(join(pkg, 'templates-node.js')).href);

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

// A schema that embeds another document's schema (the template check holds
// a decision, a report and diagnostics) would get its own copy of those
// types (`Decision`, `Alternative`...). Refer to the generated file instead:
// `$ref`s to a shared definition become an imported type.
const SHARED = { Decision: 'decision', Report: 'report', Diagnostic: 'diagnostic' };

function importShared(root, own) {
  const used = new Set();
  const swap = (node) => {
    if (Array.isArray(node)) return node.map(swap);
    if (node && typeof node === 'object') {
      const target = typeof node.$ref === 'string' && /^#\/\$defs\/(\w+)$/.exec(node.$ref)?.[1];
      if (target && SHARED[target] && SHARED[target] !== own) {
        used.add(target);
        return { tsType: target };
      }
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, swap(v)]));
    }
    return node;
  };
  const schema = swap(root);
  for (const name of used) delete schema.$defs[name];
  const imports = [...used].map((name) => `import type { ${name} } from './${SHARED[name]}';`);
  return { schema, imports };
}

mkdirSync(join(pkg, 'types'), { recursive: true });
for (const name of ['decision', 'report', 'diagnostic', 'description', 'template-check', 'rollup']) {
  const { schema: own, imports } = importShared(bareRefs(schema(name)), name);
  const banner = `// Generated from \`ennakko schema ${name}\` by bindings/wasm/tools/gen-types.mjs. Do not edit.`;
  const ts = await compile(own, name, {
    bannerComment: [banner, ...imports].join('\n'),
    additionalProperties: false,
    strictIndexSignatures: false,
    format: true,
  });
  writeFileSync(join(pkg, 'types', `${name}.d.ts`), ts);
}
console.log(`types written to ${join(pkg, 'types')}`);
