import { buildRollup, type RollupMemberInput } from '../../core/assessment/rollup';
import { AppError } from '../../shared/api/errors';
import type { RollupCandidate, RollupView } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { getAssessment } from './assessments';

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
  const members: RollupMemberInput[] = chosen.map((c) => {
    const d = getAssessment(ctx, c.id, input.catalogId);
    title ??= d.catalog.title;
    return {
      id: c.id,
      name: c.name,
      organization: c.organization,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      status: c.status,
      version: d.catalog.version,
      // In scope as in its report: assessable and inside the assessment's profile.
      controls: d.controls.map((k) => ({ ...k, assessable: k.assessable && k.applicable })),
      answers: d.answers,
      scale: d.answerScale,
      scoring: d.scoring,
    };
  });
  return {
    catalog: { catalogId: input.catalogId, title: title ?? { ja: input.catalogId, en: input.catalogId } },
    candidates,
    ...buildRollup(members),
  };
}
