import Ajv2020 from 'ajv/dist/2020';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { catalogJsonSchema } from '../../src/core/catalog/json-schema';
import { listCatalogFiles } from '../../src/main/catalogs/loader';

const file = join(__dirname, '../../catalogs/schema/catalog.schema.json');

describe('catalog.schema.json (for editors)', () => {
  it('is up to date with the zod schema', () => {
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(catalogJsonSchema());
  });

  it('accepts every shipped catalog and rejects an unknown field', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    for (const f of listCatalogFiles(join(__dirname, '../../catalogs'))) {
      const doc = parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      expect(validate(doc), `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    const bad = parse(readFileSync(listCatalogFiles(join(__dirname, '../../catalogs'))[0]!, 'utf8')) as Record<string, unknown>;
    expect(validate({ ...bad, colour: 'blue' })).toBe(false);
  });
});
