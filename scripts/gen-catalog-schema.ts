// Writes catalogs/schema/catalog.schema.json from the zod schema (the source of truth), for editors.
// A test fails when the committed file is out of date: run `npx tsx scripts/gen-catalog-schema.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogJsonSchema } from '../src/core/catalog/json-schema';

writeFileSync(join(__dirname, '..', 'catalogs', 'schema', 'catalog.schema.json'), `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`);
console.log('wrote catalogs/schema/catalog.schema.json');
