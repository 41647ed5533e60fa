import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import type { AssessmentDetail, AssessmentStatus, AssessmentSummary, ControlView, OrganizationSummary, PartialLocalized, Progress } from '../../shared/api/types';
import { answersOf } from './answer-rows';
import { appendAudit } from './audit-log';
import { lastUpgrade, versionsOf } from './catalog-versions';
import { catalogMeta, resolveCatalogRef } from './catalogs';
import { isoNow, type ServiceContext } from './context';
import { actorOf } from './settings';

/** Whether control `k` applies to assessment `a` under its profile (no profile, or a control for every profile, applies). */
export const APPLIES_SQL = `(a.profile IS NULL OR json_extract(k.body, '$.profiles') IS NULL OR json_array_length(json_extract(k.body, '$.profiles')) = 0
  OR EXISTS (SELECT 1 FROM json_each(k.body, '$.profiles') j WHERE j.value = a.profile))`;

type SummaryRow = {
  id: string; name: string; status: AssessmentStatus; scope: string; created_at: string; updated_at: string; assessors: string;
  period_start: string | null; period_end: string | null; profile: string | null;
  org_id: string | null; org_name: string | null; catalog_row: number; catalog_id: string; version: string; title_ja: string; title_en: string;
  answered: number; total: number;
};

const SUMMARY_SQL = `SELECT a.id, a.name, a.status, a.scope, a.created_at, a.updated_at, a.assessors, a.period_start, a.period_end, a.profile,
    o.id AS org_id, o.name AS org_name, c.id AS catalog_row, c.catalog_id, c.version, c.title_ja, c.title_en,
    (SELECT count(*) FROM answers x JOIN controls k ON k.id = x.control_row
       WHERE x.assessment_id = a.id AND x.value IS NOT NULL AND k.assessable = 1 AND k.withdrawn = 0 AND ${APPLIES_SQL}) AS answered,
    (SELECT count(*) FROM controls k WHERE k.catalog_row = a.catalog_row AND k.assessable = 1 AND k.withdrawn = 0 AND ${APPLIES_SQL}) AS total
  FROM assessments a JOIN catalogs c ON c.id = a.catalog_row LEFT JOIN organizations o ON o.id = a.organization_id`;

const toSummary = (r: SummaryRow): AssessmentSummary => ({
  id: r.id, name: r.name, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at, assessors: r.assessors,
  periodStart: r.period_start, periodEnd: r.period_end, profile: r.profile,
  organization: r.org_id ? { id: r.org_id, name: r.org_name as string } : null,
  catalog: { ref: r.catalog_row, catalogId: r.catalog_id, version: r.version, title: { ja: r.title_ja, en: r.title_en } },
  progress: { answered: r.answered, total: r.total },
});

export function listAssessments(ctx: ServiceContext): AssessmentSummary[] {
  return (ctx.db.prepare(`${SUMMARY_SQL} ORDER BY a.updated_at DESC`).all() as SummaryRow[]).map(toSummary);
}

function summaryRow(ctx: ServiceContext, id: string): SummaryRow {
  const r = ctx.db.prepare(`${SUMMARY_SQL} WHERE a.id = ?`).get(id) as SummaryRow | undefined;
  if (!r) throw new AppError('not_found', 'assessmentNotFound', { id });
  return r;
}

export function progressOf(ctx: ServiceContext, id: string): Progress {
  const r = summaryRow(ctx, id);
  return { answered: r.answered, total: r.total };
}

export function listOrganizations(ctx: ServiceContext): OrganizationSummary[] {
  return (ctx.db.prepare(`SELECT o.id, o.name, o.contact, (SELECT count(*) FROM assessments a WHERE a.organization_id = o.id) AS n
      FROM organizations o ORDER BY o.name`).all() as { id: string; name: string; contact: string; n: number }[]).map((r) => ({ id: r.id, name: r.name, contact: r.contact, assessmentCount: r.n }));
}

type Meta = { assessors?: string | undefined; periodStart?: string | null | undefined; periodEnd?: string | null | undefined; profile?: string | null | undefined };

function checkProfile(ctx: ServiceContext, catalogRow: number, profile: string | null | undefined): void {
  if (!profile) return;
  const known = (catalogMeta(ctx, catalogRow).profiles ?? []).map((p) => p.id);
  if (!known.includes(profile)) throw new AppError('bad_input', 'profileUnknown', { profile, allowed: known.join(', ') || '—' });
}

/** The organization by name, created on first use; a contact given for an existing one updates it (recorded). */
function findOrCreateOrganization(ctx: ServiceContext, name: string, contact: string | undefined, at: string, actor: string): string {
  const found = ctx.db.prepare('SELECT id, contact FROM organizations WHERE name = ?').get(name) as { id: string; contact: string } | undefined;
  if (found) {
    if (contact !== undefined && contact !== found.contact) {
      ctx.db.prepare('UPDATE organizations SET contact = ? WHERE id = ?').run(contact, found.id);
      appendAudit(ctx.db, { at, actor, action: 'organization.update', assessmentId: null, entity: 'organization', entityId: found.id, oldValue: { contact: found.contact }, newValue: { contact }, appVersion: ctx.appVersion });
    }
    return found.id;
  }
  const id = randomUUID();
  ctx.db.prepare('INSERT INTO organizations (id, name, contact, created_at) VALUES (?, ?, ?, ?)').run(id, name, contact ?? '', at);
  appendAudit(ctx.db, { at, actor, action: 'organization.create', assessmentId: null, entity: 'organization', entityId: id, oldValue: undefined, newValue: { name, contact: contact ?? '' }, appVersion: ctx.appVersion });
  return id;
}

export function createAssessment(ctx: ServiceContext, input: { name: string; catalog: number | string; organization?: string | undefined; organizationContact?: string | undefined; scope?: string | undefined } & Meta): AssessmentSummary {
  const catalogRow = resolveCatalogRef(ctx, input.catalog);
  checkProfile(ctx, catalogRow, input.profile);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  const id = randomUUID();
  ctx.db.transaction(() => {
    const orgId = input.organization ? findOrCreateOrganization(ctx, input.organization, input.organizationContact, at, actor) : null;
    ctx.db.prepare(`INSERT INTO assessments (id, name, organization_id, catalog_row, scope, status, created_at, updated_at, assessors, period_start, period_end, profile)
        VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`)
      .run(id, input.name, orgId, catalogRow, input.scope ?? '', at, at, input.assessors ?? '', input.periodStart ?? null, input.periodEnd ?? null, input.profile ?? null);
    const cat = ctx.db.prepare('SELECT catalog_id, version FROM catalogs WHERE id = ?').get(catalogRow) as { catalog_id: string; version: string };
    appendAudit(ctx.db, { at, actor, action: 'assessment.create', assessmentId: id, entity: 'assessment', entityId: id, oldValue: undefined, newValue: { name: input.name, catalog: `${cat.catalog_id}@${cat.version}`, organization: input.organization ?? null, profile: input.profile ?? null }, appVersion: ctx.appVersion });
  }).immediate();
  return toSummary(summaryRow(ctx, id));
}

/** Name, scope, assessors, period and profile; every change is recorded with its old and new value. */
export function updateAssessment(ctx: ServiceContext, input: { id: string; name?: string | undefined; scope?: string | undefined } & Meta): AssessmentSummary {
  const r = summaryRow(ctx, input.id);
  if (r.status === 'final') throw new AppError('locked', 'assessmentFinal', {});
  if (input.profile !== undefined) checkProfile(ctx, r.catalog_row, input.profile);
  const before = { name: r.name, scope: r.scope, assessors: r.assessors, periodStart: r.period_start, periodEnd: r.period_end, profile: r.profile };
  const after = {
    name: input.name ?? before.name, scope: input.scope ?? before.scope, assessors: input.assessors ?? before.assessors,
    periodStart: input.periodStart !== undefined ? input.periodStart : before.periodStart, periodEnd: input.periodEnd !== undefined ? input.periodEnd : before.periodEnd,
    profile: input.profile !== undefined ? input.profile : before.profile,
  };
  if (JSON.stringify(before) === JSON.stringify(after)) return toSummary(r);
  const at = isoNow(ctx);
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE assessments SET name = ?, scope = ?, assessors = ?, period_start = ?, period_end = ?, profile = ?, updated_at = ? WHERE id = ?')
      .run(after.name, after.scope, after.assessors, after.periodStart, after.periodEnd, after.profile, at, input.id);
    appendAudit(ctx.db, { at, actor: actorOf(ctx), action: 'assessment.update', assessmentId: input.id, entity: 'assessment', entityId: input.id, oldValue: before, newValue: after, appVersion: ctx.appVersion });
  }).immediate();
  return toSummary(summaryRow(ctx, input.id));
}

type ControlRow = { control_id: string; parent_id: string | null; depth: number; assessable: number; mandatory: number; title_ja: string; title_en: string; body: string; applies: number };

export function getAssessment(ctx: ServiceContext, id: string): AssessmentDetail {
  const row = summaryRow(ctx, id);
  const meta = catalogMeta(ctx, row.catalog_row);
  const controls = (ctx.db.prepare(`SELECT k.control_id, k.parent_id, k.depth, k.assessable, k.mandatory, k.title_ja, k.title_en, k.body, ${APPLIES_SQL} AS applies
      FROM controls k JOIN assessments a ON a.id = ? WHERE k.catalog_row = a.catalog_row AND k.withdrawn = 0 ORDER BY k.position`).all(id) as ControlRow[]).map((c): ControlView => {
    const body = JSON.parse(c.body) as { description?: PartialLocalized; guidance?: PartialLocalized; evidence?: { ja: string[]; en: string[] }; tags?: string[]; unverified?: string; weight?: number };
    return {
      controlId: c.control_id, parentId: c.parent_id, depth: c.depth, assessable: c.assessable === 1, mandatory: c.mandatory === 1,
      title: { ja: c.title_ja, en: c.title_en }, description: body.description ?? null, guidance: body.guidance ?? null,
      evidence: body.evidence ?? null, tags: body.tags ?? [], unverified: body.unverified ?? null, applicable: c.applies === 1, weight: body.weight ?? null,
    };
  });
  const otherVersions = versionsOf(ctx, row.catalog_id).filter((v) => v !== row.version);
  return {
    ...toSummary(row), scope: row.scope, answerScale: meta.answer_scale, controls, answers: answersOf(ctx.db, id), otherVersions, lastUpgrade: lastUpgrade(ctx, id),
    profiles: (meta.profiles ?? []).map((p) => ({ id: p.id, label: p.label })), tags: (meta.tags ?? []).map((t) => ({ id: t.id, label: t.label })),
    scoring: meta.scoring ?? null,
  };
}

export function assertEditable(ctx: ServiceContext, assessmentId: string): { id: string; status: AssessmentStatus; catalog_row: number; profile: string | null } {
  const a = ctx.db.prepare('SELECT id, status, catalog_row, profile FROM assessments WHERE id = ?').get(assessmentId) as { id: string; status: AssessmentStatus; catalog_row: number; profile: string | null } | undefined;
  if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  if (a.status === 'final') throw new AppError('locked', 'assessmentFinal', {});
  return a;
}
