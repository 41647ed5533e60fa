// Validates every shipped catalog and mapping and prints their structure counts.
// Usage: npx tsx scripts/validate-catalogs.ts [file …]   (no files: everything under catalogs/)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalogText, parseMappingText } from '../src/core/catalog/parse';
import { walkNodes } from '../src/core/catalog/semantic';
import { checkMappingEndpoints } from '../src/core/catalog/mapping-check';
import type { CatalogDocument } from '../src/core/catalog/format';

function listYaml(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'schema' ? [] : listYaml(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const files = process.argv.slice(2).length ? process.argv.slice(2) : listYaml('catalogs');
const catalogs: CatalogDocument[] = [];
let failed = false;
const mappings: string[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (/^format:\s*tenken-mapping/m.test(text)) {
    mappings.push(file);
    continue;
  }
  const r = parseCatalogText(text);
  for (const w of r.warnings)
    console.log(`warning ${file}:${w.line ?? '?'}:${w.column ?? '?'} ${w.path} ${w.key} ${JSON.stringify(w.params)}`);
  if (!r.ok) {
    failed = true;
    for (const e of r.errors)
      console.log(`ERROR ${file}:${e.line ?? '?'}:${e.column ?? '?'} ${e.path} ${e.key} ${JSON.stringify(e.params)}`);
    continue;
  }
  const byDepth: number[] = [];
  let assessable = 0;
  walkNodes(r.value.items, (n, _p, d) => {
    byDepth[d] = (byDepth[d] ?? 0) + 1;
    if (n.assessable ?? !n.items?.length) assessable++;
  });
  catalogs.push(r.value);
  console.log(
    `ok ${file}: ${r.value.id} ${r.value.version} nodes by depth [${byDepth.join(', ')}], assessable ${assessable}`,
  );
}
for (const file of mappings) {
  const r = parseMappingText(readFileSync(file, 'utf8'));
  if (!r.ok) {
    failed = true;
    for (const e of r.errors)
      console.log(`ERROR ${file}:${e.line ?? '?'}:${e.column ?? '?'} ${e.path} ${e.key} ${JSON.stringify(e.params)}`);
    continue;
  }
  const problems = checkMappingEndpoints(r.value, catalogs);
  if (problems.length) {
    failed = true;
    console.log(`ERROR ${file}: ${problems.map((p) => `${p.path} ${p.key} ${JSON.stringify(p.params)}`).join('; ')}`);
  } else console.log(`ok ${file}: ${r.value.links.length} links`);
}
process.exit(failed ? 1 : 0);
