import { randomUUID } from 'node:crypto';
import type { AnswerValue } from '../../core/catalog/format';
import type { PartialLocalized } from '../../shared/api/types';
import { AppError } from '../../shared/api/errors';
import type { AnswerView, AssessmentDetail, AssessmentStatus, AssessmentSummary, ControlView, OrganizationSummary, Progress } from '../../shared/api/types';
import { appendAudit } from './audit-log';
import { catalogMeta, resolveCatalogRef } from './catalogs';
import { lastUpgrade, versionsOf } from './catalog-versions';
import { isoNow, type ServiceContext } from './context';
import { actorOf } from './settings';

type SummaryRow = {
  id: string; name: string; status: AssessmentStatus; scope: string; created_at: string; updated_at: string;
  org_id: string | null; org_name: string | null; catalog_row: number; catalog_id: string; version: string; title_ja: string; title_en: string;
  answered: number; total: number;
};

const SUMMARY_SQL = `SELECT a.id, a.name, a.status, a.scope, a.created_at, a.updated_at, o.id AS org_id, o.name AS org_name,
    c.id AS catalog_row, c.catalog_id, c.version, c.title_ja, c.title_en,
    (SELECT count(*) FROM answers x JOIN controls k ON k.id = x.control_row
       WHERE x.assessment_id = a.id AND x.value IS NOT NULL AND k.assessable = 1 AND k.withdrawn = 0) AS answered,
    (SELECT count(*) FROM controls k WHERE k.catalog_row = a.catalog_row AND k.assessable = 1 AND k.withdrawn = 0) AS total
  FROM assessments a JOIN catalogs c ON c.id = a.catalog_row LEFT JOIN organizations o ON o.id = a.organization_id`;

const toSummary = (r: SummaryRow): AssessmentSummary => ({
  id: r.id, name: r.name, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
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

export function listOrganizations(ctx: ServiceContext): OrganizationSummary[] {
  return (ctx.db.prepare(`SELECT o.id, o.name, (SELECT count(*) FROM assessments a WHERE a.organization_id = o.id) AS n
      FROM organizations o ORDER BY o.name`).all() as { id: string; name: string; n: number }[]).map((r) => ({ id: r.id, name: r.name, assessmentCount: r.n }));
}

export function createAssessment(ctx: ServiceContext, input: { name: string; catalog: number | string; organization?: string | undefined; scope?: string | undefined }): AssessmentSummary {
  const catalogRow = resolveCatalogRef(ctx, input.catalog);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  const id = randomUUID();
  ctx.db.transaction(() => {
    let orgId: string | null = null;
    if (input.organization) {
      const found = ctx.db.prepare('SELECT id FROM organizations WHERE name = ?').get(input.organization) as { id: string } | undefined;
      orgId = found?.id ?? randomUUID();
      if (!found) {
        ctx.db.prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)').run(orgId, input.organization, at);
        appendAudit(ctx.db, { at, actor, action: 'organization.create', assessmentId: null, entity: 'organization', entityId: orgId, oldValue: undefined, newValue: { name: input.organization }, appVersion: ctx.appVersion });
      }
    }
    ctx.db.prepare('INSERT INTO assessments (id, name, organization_id, catalog_row, scope, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, input.name, orgId, catalogRow, input.scope ?? '', 'draft', at, at);
    const cat = ctx.db.prepare('SELECT catalog_id, version FROM catalogs WHERE id = ?').get(catalogRow) as { catalog_id: string; version: string };
    appendAudit(ctx.db, { at, actor, action: 'assessment.create', assessmentId: id, entity: 'assessment', entityId: id, oldValue: undefined, newValue: { name: input.name, catalog: `${cat.catalog_id}@${cat.version}`, organization: input.organization ?? null }, appVersion: ctx.appVersion });
  }).immediate();
  return toSummary(summaryRow(ctx, id));
}

type ControlRow = { id: number; control_id: string; parent_id: string | null; depth: number; assessable: number; mandatory: number; title_ja: string; title_en: string; body: string };
type AnswerRow = { control_id: string; value: string | null; comment: string; justification: string; updated_at: string; updated_by: string; revision: number };

const toAnswer = (r: AnswerRow): AnswerView => ({ controlId: r.control_id, value: r.value, comment: r.comment, justification: r.justification, updatedAt: r.updated_at, updatedBy: r.updated_by, revision: r.revision });

export function getAssessment(ctx: ServiceContext, id: string): AssessmentDetail {
  const row = summaryRow(ctx, id);
  const meta = catalogMeta(ctx, row.catalog_row);
  const controls = (ctx.db.prepare(`SELECT id, control_id, parent_id, depth, assessable, mandatory, title_ja, title_en, body FROM controls
      WHERE catalog_row = ? AND withdrawn = 0 ORDER BY position`).all(row.catalog_row) as ControlRow[]).map((c): ControlView => {
    const body = JSON.parse(c.body) as { description?: PartialLocalized; guidance?: PartialLocalized; evidence?: { ja: string[]; en: string[] }; tags?: string[]; unverified?: string };
    return {
      controlId: c.control_id, parentId: c.parent_id, depth: c.depth, assessable: c.assessable === 1, mandatory: c.mandatory === 1,
      title: { ja: c.title_ja, en: c.title_en }, description: body.description ?? null, guidance: body.guidance ?? null,
      evidence: body.evidence ?? null, tags: body.tags ?? [], unverified: body.unverified ?? null,
    };
  });
  const answers = (ctx.db.prepare(`SELECT k.control_id, x.value, x.comment, x.justification, x.updated_at, x.updated_by, x.revision
      FROM answers x JOIN controls k ON k.id = x.control_row WHERE x.assessment_id = ? ORDER BY k.position`).all(id) as AnswerRow[]).map(toAnswer);
  const otherVersions = versionsOf(ctx, row.catalog_id).filter((v) => v !== row.version);
  return { ...toSummary(row), scope: row.scope, answerScale: meta.answer_scale, controls, answers, otherVersions, lastUpgrade: lastUpgrade(ctx, id) };
}

function progressOf(ctx: ServiceContext, id: string): Progress {
  const r = summaryRow(ctx, id);
  return { answered: r.answered, total: r.total };
}

export function setAnswer(ctx: ServiceContext, input: { assessmentId: string; controlId: string; value: string | null; comment?: string | undefined; justification?: string | undefined }): { answer: AnswerView; progress: Progress } {
  const a = ctx.db.prepare('SELECT id, status, catalog_row FROM assessments WHERE id = ?').get(input.assessmentId) as { id: string; status: AssessmentStatus; catalog_row: number } | undefined;
  if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: input.assessmentId });
  if (a.status === 'final') throw new AppError('locked', 'assessmentFinal', {});
  const control = ctx.db.prepare('SELECT id, assessable FROM controls WHERE catalog_row = ? AND control_id = ? AND withdrawn = 0').get(a.catalog_row, input.controlId) as { id: number; assessable: number } | undefined;
  if (!control) throw new AppError('not_found', 'controlNotFound', { control: input.controlId });
  if (control.assessable !== 1) throw new AppError('bad_input', 'controlNotAssessable', { control: input.controlId });
  const scale: AnswerValue[] = catalogMeta(ctx, a.catalog_row).answer_scale;
  if (input.value !== null && !scale.some((s) => s.value === input.value))
    throw new AppError('bad_input', 'answerValueUnknown', { value: input.value, allowed: scale.map((s) => s.value).join(', ') });

  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  ctx.db.transaction(() => {
    const old = ctx.db.prepare('SELECT value, comment, justification, revision FROM answers WHERE assessment_id = ? AND control_row = ?').get(a.id, control.id) as
      | { value: string | null; comment: string; justification: string; revision: number }
      | undefined;
    const next = { value: input.value, comment: input.comment ?? old?.comment ?? '', justification: input.justification ?? old?.justification ?? '' };
    if (!old && next.value === null && next.comment === '' && next.justification === '') return;
    if (old && old.value === next.value && old.comment === next.comment && old.justification === next.justification) return;
    ctx.db.prepare(`INSERT INTO answers (assessment_id, control_row, value, comment, justification, updated_at, updated_by, revision)
        VALUES (@a, @c, @value, @comment, @justification, @at, @actor, 1)
        ON CONFLICT (assessment_id, control_row) DO UPDATE SET value = excluded.value, comment = excluded.comment,
          justification = excluded.justification, updated_at = excluded.updated_at, updated_by = excluded.updated_by, revision = answers.revision + 1`)
      .run({ a: a.id, c: control.id, ...next, at, actor });
    ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, a.id);
    appendAudit(ctx.db, {
      at, actor, action: 'answer.set', assessmentId: a.id, entity: 'answer', entityId: input.controlId,
      oldValue: old ? { value: old.value, comment: old.comment, justification: old.justification } : null, newValue: next, appVersion: ctx.appVersion,
    });
  }).immediate();
  const saved = ctx.db.prepare(`SELECT k.control_id, x.value, x.comment, x.justification, x.updated_at, x.updated_by, x.revision
      FROM answers x JOIN controls k ON k.id = x.control_row WHERE x.assessment_id = ? AND x.control_row = ?`).get(a.id, control.id) as AnswerRow | undefined;
  if (!saved) throw new AppError('internal', 'saveFailed', {});
  return { answer: toAnswer(saved), progress: progressOf(ctx, a.id) };
}
