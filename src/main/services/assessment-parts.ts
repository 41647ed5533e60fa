import { controlKey, parseControlKey } from '../../core/assessment/control-key';
import { AppError } from '../../shared/api/errors';
import type { Localized } from '../../shared/api/types';
import type { ServiceContext } from './context';

/** One catalog of an assessment, with its applicability profile. Position 0 is the first catalog. */
export type Part = { position: number; catalogRow: number; catalogId: string; version: string; title: Localized; profile: string | null };

type PartRow = { position: number; catalog_row: number; catalog_id: string; version: string; title_ja: string; title_en: string; profile: string | null };

export function partsOf(ctx: ServiceContext, assessmentId: string): Part[] {
  const rows = ctx.db.prepare(`SELECT p.position, p.catalog_row, c.catalog_id, c.version, c.title_ja, c.title_en, p.profile
      FROM assessment_catalogs p JOIN catalogs c ON c.id = p.catalog_row WHERE p.assessment_id = ? ORDER BY p.position`).all(assessmentId) as PartRow[];
  return rows.map((r) => ({ position: r.position, catalogRow: r.catalog_row, catalogId: r.catalog_id, version: r.version, title: { ja: r.title_ja, en: r.title_en }, profile: r.profile }));
}

/** The part for a catalog ID, or the first catalog when none is named (`parts`: already read, for many lookups). */
export function partFor(ctx: ServiceContext, assessmentId: string, catalogId?: string | null, parts: readonly Part[] = partsOf(ctx, assessmentId)): Part {
  if (!parts.length) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  const part = catalogId ? parts.find((p) => p.catalogId === catalogId) : parts[0];
  if (!part) throw new AppError('not_found', 'catalogNotInAssessment', { catalog: catalogId ?? '', allowed: parts.map((p) => p.catalogId).join(', ') });
  return part;
}

export type ResolvedControl = { part: Part; controlId: string; controlRow: number; key: string };

/** Resolves many keys of one assessment, reading its catalogs once (batches, evidence for several controls, undo). */
export function resolveControls(ctx: ServiceContext, assessmentId: string, keys: readonly string[]): ResolvedControl[] {
  const parts = partsOf(ctx, assessmentId);
  return keys.map((key) => resolveControl(ctx, assessmentId, key, { parts }));
}

/**
 * The control a key names in an assessment (`5.1.1` in the first catalog, `meti-cloud:5.1.1` in another), refused
 * with a clear error when the catalog is not part of the assessment or the control is missing, withdrawn or, unless
 * `anyNode`, only a heading.
 */
export function resolveControl(ctx: ServiceContext, assessmentId: string, key: string, opts: { anyNode?: boolean; parts?: readonly Part[] } = {}): ResolvedControl {
  const parsed = parseControlKey(key);
  const part = partFor(ctx, assessmentId, parsed.catalogId, opts.parts);
  const c = ctx.db.prepare('SELECT id, assessable FROM controls WHERE catalog_row = ? AND control_id = ? AND withdrawn = 0').get(part.catalogRow, parsed.controlId) as { id: number; assessable: number } | undefined;
  if (!c) throw new AppError('not_found', 'controlNotFound', { control: key });
  if (!opts.anyNode && c.assessable !== 1) throw new AppError('bad_input', 'controlNotAssessable', { control: key });
  return { part, controlId: parsed.controlId, controlRow: c.id, key: controlKey(part.position, part.catalogId, parsed.controlId) };
}

/** SQL for the key of control `k` in part `p` of catalog `c` (same rule as controlKey). */
export const CONTROL_KEY_SQL = `CASE WHEN p.position = 0 THEN k.control_id ELSE c.catalog_id || ':' || k.control_id END`;
