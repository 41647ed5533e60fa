import { z } from 'zod';
import { CatalogId, ControlId, LocalizedText } from './format';

/**
 * Cross-catalog mapping file (`tenken-mapping/1`) under catalogs/mappings/. Each link is directional
 * (source → target) and typed with the relationship vocabulary shared by CISO Assistant and OSCAL 1.2:
 * equal, subset (source ⊂ target), superset, intersect. Links drive answer *suggestions*, never
 * silent answers.
 */
export const MappingRelation = z.enum(['equal', 'subset', 'superset', 'intersect']);
export type MappingRelation = z.infer<typeof MappingRelation>;

export const CatalogRef = z.strictObject({ catalog: CatalogId, version: z.string().min(1) });

export const MappingLink = z.strictObject({
  source: ControlId,
  target: ControlId,
  relation: MappingRelation,
  rationale: LocalizedText,
});

export const MappingDocument = z.strictObject({
  format: z.literal('tenken-mapping/1'),
  id: z.string().regex(/^[a-z][a-z0-9-]{1,100}$/),
  title: LocalizedText,
  source: CatalogRef,
  target: CatalogRef,
  /** Where the mapping comes from: an official correspondence table, or our own analysis by topic. */
  provenance: z.enum(['official', 'derived-from-official', 'own-analysis']),
  basis: LocalizedText,
  author: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  unverified: z.array(z.string().min(1)).optional(),
  links: z.array(MappingLink).min(1),
});
export type MappingDocument = z.infer<typeof MappingDocument>;
