import { createHash } from 'node:crypto';
import { splitControlKey } from '../../core/assessment/control-key';
import { ASSESSMENT_FILE_FORMAT, AssessmentFile } from '../../core/exchange/assessment-file';
import { canonicalJson } from '../../core/util/canonical-json';
import { AppError } from '../../shared/api/errors';
import type { AssessmentSummary } from '../../shared/api/types';
import { answersOf } from './answer-rows';
import { catalogsOf } from './assessment-catalogs';
import { addPart, findOrCreateOrganization, getAssessmentSummary } from './assessments';
import { appendAudit } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { listEvidence, readEvidenceBytes, storeEvidenceBytes } from './evidence';
import { actorOf } from '../settings/settings';

type HistoryRow = { at: string; actor: string; action: string; entity: string; entity_id: string; old_value: string | null; new_value: string | null; app_version: string };

/** The whole assessment as a `tenken-assessment/1` file (canonical JSON; see core/exchange/assessment-file.ts). */
export function exportAssessment(ctx: ServiceContext, id: string): { fileName: string; bytes: Buffer } {
  const summary = getAssessmentSummary(ctx, id);
  const head = ctx.db.prepare('SELECT a.scope, o.contact FROM assessments a LEFT JOIN organizations o ON o.id = a.organization_id WHERE a.id = ?').get(id) as { scope: string; contact: string | null };
  const parts = catalogsOf(ctx, id);
  const catalogOfKey = (key: string) => {
    const k = splitControlKey(key, parts[0]?.catalogId as string);
    return { catalog: k.catalogId, controlId: k.controlId };
  };
  const history = ctx.db.prepare(`SELECT at, actor, action, entity, entity_id, old_value, new_value, app_version FROM audit_log WHERE assessment_id = ? ORDER BY seq`).all(id) as HistoryRow[];
  const dismissed = ctx.db.prepare('SELECT control_key, source_assessment_id, source_key, dismissed_by, dismissed_at FROM suggestion_dismissals WHERE assessment_id = ? ORDER BY dismissed_at, control_key, source_key').all(id) as
    { control_key: string; source_assessment_id: string; source_key: string; dismissed_by: string; dismissed_at: string }[];
  const file: AssessmentFile = {
    format: ASSESSMENT_FILE_FORMAT,
    generator: { name: 'tenken', version: ctx.appVersion },
    assessment: {
      id, name: summary.name, organization: summary.organization ? { name: summary.organization.name, contact: head.contact ?? '' } : null, scope: head.scope,
      assessors: summary.assessors, periodStart: summary.periodStart, periodEnd: summary.periodEnd, status: summary.status, createdAt: summary.createdAt, updatedAt: summary.updatedAt,
    },
    catalogs: parts.map((p) => ({ catalog: p.catalogId, version: p.version, profile: p.profile })),
    answers: answersOf(ctx.db, id).map((a) => ({
      ...catalogOfKey(a.controlKey), value: a.value, comment: a.comment, justification: a.justification, owner: a.owner, dueDate: a.dueDate, remediation: a.remediation,
      markedForReview: a.markedForReview, updatedAt: a.updatedAt, updatedBy: a.updatedBy, revision: a.revision,
    })),
    evidence: listEvidence(ctx, id).map((e) => ({
      id: e.id, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, addedBy: e.addedBy, addedAt: e.addedAt,
      controls: e.controlKeys.map(catalogOfKey), content: readEvidenceBytes(ctx, e.sha256, e.fileName).toString('base64'),
    })),
    history: history.map((h) => ({
      at: h.at, actor: h.actor, action: h.action, entity: h.entity, entityId: h.entity_id, appVersion: h.app_version,
      oldValue: h.old_value === null ? null : (JSON.parse(h.old_value) as unknown), newValue: h.new_value === null ? null : (JSON.parse(h.new_value) as unknown),
    })),
    dismissedSuggestions: dismissed.map((d) => ({ control: d.control_key, sourceAssessmentId: d.source_assessment_id, sourceKey: d.source_key, dismissedBy: d.dismissed_by, dismissedAt: d.dismissed_at })),
  };
  return { fileName: `${id}.tenken-assessment.json`, bytes: Buffer.from(canonicalJson(file), 'utf8') };
}

/** Parses and checks an assessment file; every problem is a clear error naming where it is. */
export function parseAssessmentFile(text: string): AssessmentFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError('bad_input', 'assessmentFileInvalid', { detail: (e as Error).message.slice(0, 200) });
  }
  if (raw && typeof raw === 'object' && 'format' in raw && (raw as { format: unknown }).format !== ASSESSMENT_FILE_FORMAT)
    throw new AppError('bad_input', 'assessmentFileFormat', { format: String((raw as { format: unknown }).format).slice(0, 60), expected: ASSESSMENT_FILE_FORMAT });
  const parsed = AssessmentFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_input', 'assessmentFileInvalid', { detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 300) });
  }
  return parsed.data;
}

/**
 * Brings an assessment file into this workspace as one transaction: all of it or nothing. The catalogs it names
 * must be loaded, the assessment must not exist here yet, every control must exist, and every evidence file must
 * match its SHA-256. Evidence bytes are written (content-addressed) before the commit; the history entries are
 * appended to this workspace's chain in their order, and the import itself is recorded outside the assessment's
 * history so that exporting it again gives the same file.
 */
export function importAssessment(ctx: ServiceContext, text: string): AssessmentSummary {
  const f = parseAssessmentFile(text);
  const a = f.assessment;
  if (ctx.db.prepare('SELECT 1 FROM assessments WHERE id = ?').get(a.id)) throw new AppError('conflict', 'assessmentExists', { id: a.id, name: a.name });
  const rows = f.catalogs.map((c) => {
    const r = ctx.db.prepare('SELECT id FROM catalogs WHERE catalog_id = ? AND version = ?').get(c.catalog, c.version) as { id: number } | undefined;
    if (!r) throw new AppError('not_found', 'importCatalogMissing', { catalog: `${c.catalog}@${c.version}` });
    return { ...c, row: r.id };
  });
  const rowOf = new Map(rows.map((r) => [r.catalog, r.row]));
  const controlRow = (catalog: string, controlId: string): number => {
    const catalogRow = rowOf.get(catalog);
    if (catalogRow === undefined) throw new AppError('bad_input', 'assessmentFileInvalid', { detail: `${catalog}:${controlId}: catalog not listed in catalogs` });
    const c = ctx.db.prepare('SELECT id FROM controls WHERE catalog_row = ? AND control_id = ? AND withdrawn = 0 AND assessable = 1').get(catalogRow, controlId) as { id: number } | undefined;
    if (!c) throw new AppError('not_found', 'controlNotFound', { control: `${catalog}:${controlId}` });
    return c.id;
  };
  const answerRows = f.answers.map((x) => ({ x, row: controlRow(x.catalog, x.controlId) }));
  const evidence = f.evidence.map((e) => {
    const bytes = Buffer.from(e.content, 'base64');
    if (bytes.length !== e.size || createHash('sha256').update(bytes).digest('hex') !== e.sha256) throw new AppError('bad_input', 'assessmentFileEvidence', { file: e.fileName });
    return { e, bytes, links: e.controls.map((c) => controlRow(c.catalog, c.controlId)) };
  });
  for (const { e, bytes } of evidence) storeEvidenceBytes(ctx, e.sha256, bytes);

  const at = isoNow(ctx);
  ctx.db.transaction(() => {
    // The same organization as creating an assessment: found by name (its contact updated, recorded) or created.
    const orgId = a.organization ? findOrCreateOrganization(ctx, a.organization.name, a.organization.contact, at, actorOf(ctx)) : null;
    const first = rows[0] as (typeof rows)[number];
    ctx.db.prepare(`INSERT INTO assessments (id, name, organization_id, catalog_row, scope, status, created_at, updated_at, assessors, period_start, period_end)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(a.id, a.name, orgId, first.row, a.scope, a.status, a.createdAt, a.updatedAt, a.assessors, a.periodStart, a.periodEnd);
    // The same checks as creating one: a known profile per catalog, each catalog once.
    const taken = new Set<string>();
    rows.forEach((r, i) => addPart(ctx, a.id, i, { catalog: r.row, profile: r.profile }, taken));
    const insertAnswer = ctx.db.prepare(`INSERT INTO answers (assessment_id, control_row, value, comment, justification, owner, due_date, remediation, marked_for_review, updated_at, updated_by, revision)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const { x, row } of answerRows) insertAnswer.run(a.id, row, x.value, x.comment, x.justification, x.owner, x.dueDate, x.remediation, x.markedForReview ? 1 : 0, x.updatedAt, x.updatedBy, x.revision);
    for (const { e, links } of evidence) {
      ctx.db.prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)').run(e.sha256, e.size, e.mediaType, e.addedAt);
      ctx.db.prepare('INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)').run(e.id, a.id, e.sha256, e.fileName, e.addedBy, e.addedAt);
      for (const row of links) ctx.db.prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, control_row) VALUES (?, ?)').run(e.id, row);
    }
    for (const d of f.dismissedSuggestions)
      ctx.db.prepare('INSERT OR IGNORE INTO suggestion_dismissals (assessment_id, control_key, source_assessment_id, source_key, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(a.id, d.control, d.sourceAssessmentId, d.sourceKey, d.dismissedBy, d.dismissedAt);
    for (const h of f.history)
      appendAudit(ctx.db, { at: h.at, actor: h.actor, action: h.action, assessmentId: a.id, entity: h.entity, entityId: h.entityId, oldValue: h.oldValue ?? undefined, newValue: h.newValue ?? undefined, appVersion: h.appVersion });
    appendAudit(ctx.db, {
      at, actor: actorOf(ctx), action: 'assessment.import', assessmentId: null, entity: 'assessment', entityId: a.id, oldValue: undefined,
      newValue: { name: a.name, catalogs: rows.map((r) => `${r.catalog}@${r.version}`), answers: f.answers.length, evidence: f.evidence.length, history: f.history.length, exportedBy: f.generator.version },
      appVersion: ctx.appVersion,
    });
  }).immediate();
  return getAssessmentSummary(ctx, a.id);
}
