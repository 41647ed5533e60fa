import { z } from 'zod';
import { CatalogDocument } from './format';

/** The catalog format as JSON Schema (draft 2020-12), for editors validating YAML as authors type. */
export function catalogJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CatalogDocument, {
    target: 'draft-2020-12',
    io: 'input',
    cycles: 'ref',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://tenken.invalid/schema/tenken-catalog-1.json',
    title: 'Tenken catalog (tenken-catalog/1)',
    description: 'One catalog version. Generated from src/core/catalog/format.ts; do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
