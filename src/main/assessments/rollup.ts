import { buildRollup, type RollupMemberInput } from '../../core/assessment/rollup';
import { AppError } from '../../shared/api/errors';
import type { RollupCandidate, RollupView } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import type { ScoringControl } from '../../core/assessment/scoring';
import { catalogMeta } from '../catalogs/catalogs';
import { stmt } from '../db/statements';
import { catalogFor } from './assessment-catalogs';

type CandidateRow = {
  id: string;
  name: string;
  org_name: string | null;
  period_start: string | null;
  period_end: string | null;
  status: string;
  version: string;
};

/** Every assessment that includes this catalog: by organization, then period (years side by side), then name. */
export function rollupCandidates(ctx: ServiceContext, catalogId: string): RollupCandidate[] {
  const rows = ctx.db
    .prepare(
      `SELECT a.id, a.name, o.name AS org_name, a.period_start, a.period_end, a.status, c.version
      FROM assessments a
      JOIN assessment_catalogs p ON p.assessment_id = a.id
      JOIN catalogs c ON c.id = p.catalog_row AND c.catalog_id = ?
      LEFT JOIN organizations o ON o.id = a.organization_id
      ORDER BY o.name IS NULL, o.name, COALESCE(a.period_end, a.period_start, a.created_at), a.name, a.id`,
    )
    .all(catalogId) as CandidateRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organization: r.org_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    version: r.version,
  }));
}

/**
 * The roll-up of the chosen assessments of one catalog (all of them when none are chosen), in the candidates'
 * order. An assessment that does not include the catalog is refused by name, so a stale selection is never
 * silently dropped from a table someone compares.
 */
export function rollupOf(
  ctx: ServiceContext,
  input: { catalogId: string; assessmentIds?: string[] | undefined },
): RollupView {
  const candidates = rollupCandidates(ctx, input.catalogId);
  if (!candidates.length) throw new AppError('not_found', 'rollupNoAssessments', { catalog: input.catalogId });
  let chosen = candidates;
  if (input.assessmentIds?.length) {
    const known = new Set(candidates.map((c) => c.id));
    const missing = input.assessmentIds.find((id) => !known.has(id));
    if (missing) throw new AppError('bad_input', 'rollupNotInCatalog', { id: missing, catalog: input.catalogId });
    const wanted = new Set(input.assessmentIds);
    chosen = candidates.filter((c) => wanted.has(c.id));
  }
  let title = null as RollupView['catalog']['title'] | null;
  // Members of one catalog version and profile share their controls: read and parsed once per roll-up, not per
  // member (at 200 assessments that was most of the time). Only what scoring needs is read.
  const controlsOf = new Map<string, ScoringControl[]>();
  const members: RollupMemberInput[] = chosen.map((c) => {
    const part = catalogFor(ctx, c.id, input.catalogId);
    title ??= part.title;
    const key = `${part.catalogRow}\u0000${part.profile ?? ''}`;
    let controls = controlsOf.get(key);
    if (!controls) {
      controls = scopeControls(ctx, part.catalogRow, part.profile);
      controlsOf.set(key, controls);
    }
    const meta = catalogMeta(ctx, part.catalogRow);
    return {
      id: c.id,
      name: c.name,
      organization: c.organization,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      status: c.status,
      version: part.version,
      controls,
      answers: stmt(
        ctx.db,
        `SELECT k.control_id AS controlId, x.value FROM answers x JOIN controls k ON k.id = x.control_row
        WHERE x.assessment_id = ? AND k.catalog_row = ?`,
      ).all(c.id, part.catalogRow) as { controlId: string; value: string | null }[],
      scale: meta.answer_scale,
      scoring: meta.scoring ?? null,
    };
  });
  return {
    catalog: { catalogId: input.catalogId, title: title ?? { ja: input.catalogId, en: input.catalogId } },
    candidates,
    ...buildRollup(members),
  };
}

/**
 * A catalog version's controls as scoring reads them, in scope as in its report: assessable and inside the profile
 * (the same applicability rule as assessments.ts's APPLIES_SQL, with the profile as a parameter).
 */
function scopeControls(ctx: ServiceContext, catalogRow: number, profile: string | null): ScoringControl[] {
  const rows = stmt(
    ctx.db,
    `SELECT control_id, parent_id, depth, assessable, title_ja, title_en, json_extract(body, '$.weight') AS weight,
      (? IS NULL OR json_extract(body, '$.profiles') IS NULL OR json_array_length(json_extract(body, '$.profiles')) = 0
        OR EXISTS (SELECT 1 FROM json_each(body, '$.profiles') j WHERE j.value = ?)) AS applies
    FROM controls WHERE catalog_row = ? AND withdrawn = 0 ORDER BY position`,
  ).all(profile, profile, catalogRow) as {
    control_id: string;
    parent_id: string | null;
    depth: number;
    assessable: number;
    title_ja: string;
    title_en: string;
    weight: number | null;
    applies: number;
  }[];
  return rows.map((r) => ({
    controlId: r.control_id,
    parentId: r.parent_id,
    depth: r.depth,
    assessable: r.assessable === 1 && r.applies === 1,
    title: { ja: r.title_ja, en: r.title_en },
    weight: r.weight,
  }));
}
