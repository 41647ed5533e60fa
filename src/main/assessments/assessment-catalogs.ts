import { controlKey, parseControlKey } from '../../core/assessment/control-key';
import { AppError } from '../../shared/api/errors';
import type { Localized } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';

/** One catalog of an assessment (an "assessment catalog"), with its applicability profile. Position 0 is the first catalog. */
export type AssessmentCatalog = {
  position: number;
  catalogRow: number;
  catalogId: string;
  version: string;
  title: Localized;
  profile: string | null;
};

type CatalogRow = {
  position: number;
  catalog_row: number;
  catalog_id: string;
  version: string;
  title_ja: string;
  title_en: string;
  profile: string | null;
};

export function catalogsOf(ctx: ServiceContext, assessmentId: string): AssessmentCatalog[] {
  const rows = stmt(
    ctx.db,
    `SELECT p.position, p.catalog_row, c.catalog_id, c.version, c.title_ja, c.title_en, p.profile
      FROM assessment_catalogs p JOIN catalogs c ON c.id = p.catalog_row WHERE p.assessment_id = ? ORDER BY p.position`,
  ).all(assessmentId) as CatalogRow[];
  return rows.map((r) => ({
    position: r.position,
    catalogRow: r.catalog_row,
    catalogId: r.catalog_id,
    version: r.version,
    title: { ja: r.title_ja, en: r.title_en },
    profile: r.profile,
  }));
}

/** The assessment's catalog with this ID, or its first catalog when none is named (`catalogs`: already read, for many lookups). */
export function catalogFor(
  ctx: ServiceContext,
  assessmentId: string,
  catalogId?: string | null,
  catalogs: readonly AssessmentCatalog[] = catalogsOf(ctx, assessmentId),
): AssessmentCatalog {
  if (!catalogs.length) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  const found = catalogId ? catalogs.find((p) => p.catalogId === catalogId) : catalogs[0];
  if (!found)
    throw new AppError('not_found', 'catalogNotInAssessment', {
      catalog: catalogId ?? '',
      allowed: catalogs.map((p) => p.catalogId).join(', '),
    });
  return found;
}

export type ResolvedControl = { catalog: AssessmentCatalog; controlId: string; controlRow: number; controlKey: string };

/** Resolves many keys of one assessment, reading its catalogs once (batches, evidence for several controls, undo). */
export function resolveControls(ctx: ServiceContext, assessmentId: string, keys: readonly string[]): ResolvedControl[] {
  const catalogs = catalogsOf(ctx, assessmentId);
  return keys.map((key) => resolveControl(ctx, assessmentId, key, { catalogs }));
}

/**
 * The control a key names in an assessment (`5.1.1` in the first catalog, `meti-cloud:5.1.1` in another), refused
 * with a clear error when the catalog is not part of the assessment or the control is missing, withdrawn or, unless
 * `anyNode`, only a heading.
 */
export function resolveControl(
  ctx: ServiceContext,
  assessmentId: string,
  key: string,
  opts: { anyNode?: boolean; catalogs?: readonly AssessmentCatalog[] } = {},
): ResolvedControl {
  const parsed = parseControlKey(key);
  const catalog = catalogFor(ctx, assessmentId, parsed.catalogId, opts.catalogs);
  const c = stmt(
    ctx.db,
    'SELECT id, assessable FROM controls WHERE catalog_row = ? AND control_id = ? AND withdrawn = 0',
  ).get(catalog.catalogRow, parsed.controlId) as { id: number; assessable: number } | undefined;
  if (!c) throw new AppError('not_found', 'controlNotFound', { control: key });
  if (!opts.anyNode && c.assessable !== 1) throw new AppError('bad_input', 'controlNotAssessable', { control: key });
  return {
    catalog,
    controlId: parsed.controlId,
    controlRow: c.id,
    controlKey: controlKey(catalog.position, catalog.catalogId, parsed.controlId),
  };
}
