// Writes the JSON Schemas generated from the zod schemas (the source of truth): catalogs/schema/catalog.schema.json
// for catalog authors' editors, and docs/tenken-assessment.schema.json for the assessment file.
// Tests fail when a committed file is out of date: run `npx tsx scripts/gen-catalog-schema.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogJsonSchema } from '../src/core/catalog/json-schema';
import { assessmentFileJsonSchema } from '../src/core/exchange/assessment-file';

const root = join(__dirname, '..');
writeFileSync(
  join(root, 'catalogs', 'schema', 'catalog.schema.json'),
  `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`,
);
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(
  join(root, 'docs', 'tenken-assessment.schema.json'),
  `${JSON.stringify(assessmentFileJsonSchema(), null, 2)}\n`,
);
console.log('wrote catalogs/schema/catalog.schema.json and docs/tenken-assessment.schema.json');
