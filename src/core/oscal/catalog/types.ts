/** The loosely typed JSON the OSCAL reader walks: every field is checked before use. */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string field, trimmed; undefined for anything else. */
export function textField(obj: Json, key: string): string | undefined {
  const v = obj[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Fields the importer reads or deliberately ignores, per OSCAL object kind (OSCAL 1.0–1.1 catalog model). */
export const KNOWN_FIELDS = {
  root: ['catalog', '$schema'],
  catalog: ['uuid', 'metadata', 'params', 'controls', 'groups', 'back-matter'],
  metadata: [
    'title',
    'published',
    'last-modified',
    'version',
    'oscal-version',
    'revisions',
    'document-ids',
    'props',
    'links',
    'roles',
    'locations',
    'parties',
    'responsible-parties',
    'actions',
    'remarks',
  ],
  group: ['id', 'class', 'title', 'params', 'props', 'links', 'parts', 'groups', 'controls'],
  control: ['id', 'class', 'title', 'params', 'props', 'links', 'parts', 'controls'],
  part: ['id', 'name', 'ns', 'class', 'title', 'props', 'prose', 'parts', 'links'],
  param: [
    'id',
    'class',
    'depends-on',
    'props',
    'links',
    'label',
    'usage',
    'constraints',
    'guidelines',
    'values',
    'select',
    'remarks',
  ],
} as const;
