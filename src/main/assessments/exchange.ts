import { createHash } from 'node:crypto';
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ANSWER_COLUMNS, AnswerFieldsSchema, answerFieldsOf } from '../../core/assessment/answer-fields';
import { checkAnswer } from '../../core/assessment/answer-rules';
import { controlKey, splitControlKey } from '../../core/assessment/control-key';
import { EVIDENCE_MEDIA_TYPES, safeEvidenceName, visibleName } from '../../core/assessment/evidence-name';
import { checkHistory, type StoredState } from '../../core/audit/replay';
import { MAX_EVIDENCE_BYTES } from '../../shared/api/contract';
import { ASSESSMENT_FILE_FORMAT, AssessmentFile } from '../../core/exchange/assessment-file';
import { canonicalJson } from '../../core/util/canonical-json';
import { AppError } from '../../shared/api/errors';
import type { AssessmentSummary } from '../../shared/api/types';
import { answersOf } from './answer-rows';
import { catalogsOf } from './assessment-catalogs';
import { addPart, findOrCreateOrganization, getAssessmentSummary } from './assessments';
import { appendAudit } from '../audit/audit-log';
import { replayOptions } from '../audit/history-replay';
import { checkHistoryAnchor, historyAnchorFor, historyKey } from './history-mac';
import { isoNow, type ServiceContext } from '../context';
import { catalogMeta } from '../catalogs/catalogs';
import { evidencePath, listEvidence, readEvidenceBytes, sniffMediaType, storeEvidenceBytes } from './evidence';
import { actorOf } from '../settings/settings';
import { signoffRows } from './signoff';
import { lastReportNumber } from '../report/report-number';
import { SIGNOFF_STEPS, signoffOf } from '../../core/assessment/signoff';

type HistoryRow = {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  app_version: string;
};

/** The whole assessment as a `tenken-assessment/1` file (canonical JSON; see core/exchange/assessment-file.ts). */
export function exportAssessment(ctx: ServiceContext, id: string): { fileName: string; bytes: Buffer } {
  const summary = getAssessmentSummary(ctx, id);
  const head = ctx.db
    .prepare(
      'SELECT a.scope, a.overall_comment, o.contact FROM assessments a LEFT JOIN organizations o ON o.id = a.organization_id WHERE a.id = ?',
    )
    .get(id) as { scope: string; overall_comment: string; contact: string | null };
  const parts = catalogsOf(ctx, id);
  const catalogOfKey = (key: string) => {
    const k = splitControlKey(key, parts[0]?.catalogId as string);
    return { catalog: k.catalogId, controlId: k.controlId };
  };
  const history = ctx.db
    .prepare(
      `SELECT at, actor, action, entity, entity_id, old_value, new_value, app_version FROM audit_log WHERE assessment_id = ? ORDER BY seq`,
    )
    .all(id) as HistoryRow[];
  const dismissed = ctx.db
    .prepare(
      'SELECT control_key, source_assessment_id, source_key, dismissed_by, dismissed_at FROM suggestion_dismissals WHERE assessment_id = ? ORDER BY dismissed_at, control_key, source_key',
    )
    .all(id) as {
    control_key: string;
    source_assessment_id: string;
    source_key: string;
    dismissed_by: string;
    dismissed_at: string;
  }[];
  const file: AssessmentFile = {
    format: ASSESSMENT_FILE_FORMAT,
    generator: { name: 'tenken', version: ctx.appVersion },
    assessment: {
      id,
      name: summary.name,
      organization: summary.organization ? { name: summary.organization.name, contact: head.contact ?? '' } : null,
      scope: head.scope,
      assessors: summary.assessors,
      periodStart: summary.periodStart,
      periodEnd: summary.periodEnd,
      overallComment: head.overall_comment,
      status: summary.status,
      createdAt: summary.createdAt,
      updatedAt: summary.updatedAt,
    },
    catalogs: parts.map((p) => ({ catalog: p.catalogId, version: p.version, profile: p.profile })),
    answers: answersOf(ctx.db, id).map((a) => ({
      ...catalogOfKey(a.controlKey),
      ...answerFieldsOf(a),
      updatedAt: a.updatedAt,
      updatedBy: a.updatedBy,
      revision: a.revision,
    })),
    evidence: listEvidence(ctx, id).map((e) => ({
      id: e.id,
      fileName: e.fileName,
      mediaType: e.mediaType,
      size: e.size,
      sha256: e.sha256,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      controls: e.controlKeys.map(catalogOfKey),
      content: readEvidenceBytes(ctx, e.sha256, e.fileName).toString('base64'),
    })),
    history: history.map((h) => ({
      at: h.at,
      actor: h.actor,
      action: h.action,
      entity: h.entity,
      entityId: h.entity_id,
      appVersion: h.app_version,
      oldValue: h.old_value === null ? null : (JSON.parse(h.old_value) as unknown),
      newValue: h.new_value === null ? null : (JSON.parse(h.new_value) as unknown),
    })),
    dismissedSuggestions: dismissed.map((d) => ({
      control: d.control_key,
      sourceAssessmentId: d.source_assessment_id,
      sourceKey: d.source_key,
      dismissedBy: d.dismissed_by,
      dismissedAt: d.dismissed_at,
    })),
  };
  // Written only when recorded, so the file of an assessment without sign-off stays as before.
  const signoff = signoffRows(ctx, id);
  const signed = SIGNOFF_STEPS.flatMap((step) => {
    const s = signoff[step];
    return s ? [{ step, name: s.name, role: s.role, at: s.at }] : [];
  });
  if (signed.length) file.signoff = signed;
  const reportNumber = lastReportNumber(ctx, id);
  if (reportNumber > 0) file.assessment.reportNumber = reportNumber;
  const anchor = historyAnchorFor(historyKey(ctx.paths), file);
  if (anchor) file.historyAnchor = anchor;
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
  if (
    raw &&
    typeof raw === 'object' &&
    'format' in raw &&
    (raw as { format: unknown }).format !== ASSESSMENT_FILE_FORMAT
  )
    throw new AppError('bad_input', 'assessmentFileFormat', {
      format: String((raw as { format: unknown }).format).slice(0, 60),
      expected: ASSESSMENT_FILE_FORMAT,
    });
  const parsed = AssessmentFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_input', 'assessmentFileInvalid', {
      detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 300),
    });
  }
  return parsed.data;
}

/** The file's answers, evidence, status and ignored suggestions in the shape the history replay compares. */
function fileState(f: AssessmentFile): StoredState {
  const position = new Map(f.catalogs.map((c, i) => [c.catalog, i]));
  const key = (c: { catalog: string; controlId: string }) =>
    controlKey(position.get(c.catalog) ?? -1, c.catalog, c.controlId);
  const a = f.assessment;
  return {
    status: a.status,
    details: {
      name: a.name,
      scope: a.scope,
      assessors: a.assessors,
      periodStart: a.periodStart,
      periodEnd: a.periodEnd,
      overallComment: a.overallComment,
    },
    answers: f.answers.map((x) => ({
      ...answerFieldsOf(x),
      controlKey: key(x),
      revision: x.revision,
      updatedAt: x.updatedAt,
      updatedBy: x.updatedBy,
    })),
    evidence: f.evidence.map((e) => ({
      id: e.id,
      fileName: e.fileName,
      sha256: e.sha256,
      size: e.size,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      controlKeys: e.controls.map(key),
    })),
    dismissals: f.dismissedSuggestions.map((d) => ({
      controlKey: d.control,
      sourceAssessmentId: d.sourceAssessmentId,
      sourceKey: d.sourceKey,
      dismissedBy: d.dismissedBy,
      dismissedAt: d.dismissedAt,
    })),
    signoff: signoffOf(f.signoff ?? []),
  };
}

/**
 * The file's history must replay to exactly its answers, evidence links, status and details (core/audit/replay.ts):
 * an entry rewritten, deleted, moved or invented, or an answer that contradicts the history, is refused, naming the
 * history entry (its position in the file, 1 = first).
 */
export function checkFileHistory(ctx: ServiceContext, f: AssessmentFile): void {
  const entries = f.history.map((h, i) => ({
    seq: i + 1,
    at: h.at,
    actor: h.actor,
    action: h.action,
    entity: h.entity,
    entityId: h.entityId,
    oldValue: h.oldValue ?? null,
    newValue: h.newValue ?? null,
  }));
  const d = checkHistory(entries, f.catalogs[0]?.catalog ?? '', fileState(f), replayOptions(ctx));
  if (!d) return;
  const params = {
    entry: d.seq ?? '—',
    action: d.action ?? '—',
    subject: d.subject,
    key: visibleName(d.key) || '—',
    field: d.field,
    expected: d.expected,
    stored: d.stored,
  };
  throw new AppError(
    'bad_input',
    d.subject === 'history'
      ? 'assessmentFileHistoryContradicts'
      : d.seq === null
        ? 'assessmentFileHistoryUnrecorded'
        : 'assessmentFileHistoryDiffers',
    params,
  );
}

const MAX_EVIDENCE_BASE64 = Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 4;

/**
 * The same rules as the API, for every answer and evidence file of the file: the answer's fields within their
 * limits (answer-fields.ts) and on the catalog's scale with a justification where required (answer-rules.ts); each
 * evidence file within the size limit, under a plain base name (what evidence.add would keep), of a type Tenken
 * assigns and that its bytes do not contradict, matching its SHA-256.
 */
export function checkFileRules(ctx: ServiceContext, f: AssessmentFile, rowOf: Map<string, number>) {
  const scales = new Map([...rowOf].map(([catalog, row]) => [catalog, catalogMeta(ctx, row).answer_scale]));
  const position = new Map(f.catalogs.map((c, i) => [c.catalog, i]));
  f.answers.forEach((x, i) => {
    const fields = answerFieldsOf(x);
    const parsed = AnswerFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('bad_input', 'assessmentFileInvalid', {
        detail: `answers.${i}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 300),
      });
    }
    const broken = checkAnswer(scales.get(x.catalog) ?? [], fields);
    if (broken)
      throw new AppError('bad_input', broken.key, {
        ...broken.params,
        control: controlKey(position.get(x.catalog) ?? -1, x.catalog, x.controlId),
      });
  });
  return f.evidence.map((e) => {
    const file = visibleName(e.fileName);
    const safe = safeEvidenceName(e.fileName);
    if (safe !== e.fileName) throw new AppError('bad_input', 'assessmentFileEvidenceName', { file, safe });
    if (e.size > MAX_EVIDENCE_BYTES || e.content.length > MAX_EVIDENCE_BASE64)
      throw new AppError('bad_input', 'evidenceTooLarge', { file, limitMb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
    const bytes = Buffer.from(e.content, 'base64');
    if (bytes.length !== e.size || createHash('sha256').update(bytes).digest('hex') !== e.sha256)
      throw new AppError('bad_input', 'assessmentFileEvidence', { file });
    const byContent = sniffMediaType(bytes, '');
    if (
      !EVIDENCE_MEDIA_TYPES.has(e.mediaType) ||
      (byContent !== 'application/octet-stream' && byContent !== e.mediaType)
    )
      throw new AppError('bad_input', 'assessmentFileEvidenceType', {
        file,
        type: e.mediaType.slice(0, 80),
        content: byContent,
      });
    return bytes;
  });
}

/** Writes evidence bytes not yet in the workspace; returns the ones it wrote, to remove if the import fails. */
export function storeNewEvidence(ctx: ServiceContext, files: { sha256: string; bytes: Buffer }[]): string[] {
  const written: string[] = [];
  for (const { sha256, bytes } of files) {
    if (existsSync(evidencePath(ctx.paths.evidenceDir, sha256)) || written.includes(sha256)) continue;
    storeEvidenceBytes(ctx, sha256, bytes);
    written.push(sha256);
  }
  return written;
}

/** Removes files an import wrote when it did not commit, unless some evidence row uses them. */
export function removeUnused(ctx: ServiceContext, written: readonly string[]): void {
  for (const sha256 of written) {
    if (ctx.db.prepare('SELECT 1 FROM evidence_files WHERE sha256 = ?').get(sha256)) continue;
    const path = evidencePath(ctx.paths.evidenceDir, sha256);
    rmSync(path, { force: true });
    try {
      rmdirSync(dirname(path)); // only when empty
    } catch {
      // another file lives there
    }
  }
}

/**
 * Brings an assessment file into this workspace as one transaction: all of it or nothing. The catalogs it names
 * must be loaded, the assessment must not exist here yet, every control must exist, every answer and evidence file
 * must keep the rules the API enforces, and the history must replay to exactly the file's contents. Evidence bytes
 * are written (content-addressed) only after all of that, before the commit, and removed again if the commit fails;
 * the history entries are appended to this workspace's chain in their order, and the import itself is recorded
 * outside the assessment's history so that exporting it again gives the same file.
 */
export function importAssessment(ctx: ServiceContext, text: string): AssessmentSummary {
  const f = parseAssessmentFile(text);
  checkHistoryAnchor(historyKey(ctx.paths), f);
  const a = f.assessment;
  if (ctx.db.prepare('SELECT 1 FROM assessments WHERE id = ?').get(a.id))
    throw new AppError('conflict', 'assessmentExists', { id: a.id, name: a.name });
  const rows = f.catalogs.map((c) => {
    const r = ctx.db
      .prepare('SELECT id FROM catalogs WHERE catalog_id = ? AND version = ?')
      .get(c.catalog, c.version) as { id: number } | undefined;
    if (!r) throw new AppError('not_found', 'importCatalogMissing', { catalog: `${c.catalog}@${c.version}` });
    return { ...c, row: r.id };
  });
  const rowOf = new Map(rows.map((r) => [r.catalog, r.row]));
  const controlRow = (catalog: string, controlId: string): number => {
    const catalogRow = rowOf.get(catalog);
    if (catalogRow === undefined)
      throw new AppError('bad_input', 'assessmentFileInvalid', {
        detail: `${catalog}:${controlId}: catalog not listed in catalogs`,
      });
    const c = ctx.db
      .prepare('SELECT id FROM controls WHERE catalog_row = ? AND control_id = ? AND withdrawn = 0 AND assessable = 1')
      .get(catalogRow, controlId) as { id: number } | undefined;
    if (!c) throw new AppError('not_found', 'controlNotFound', { control: `${catalog}:${controlId}` });
    return c.id;
  };
  const answerRows = f.answers.map((x) => ({ x, row: controlRow(x.catalog, x.controlId) }));
  const contents = checkFileRules(ctx, f, rowOf);
  const evidence = f.evidence.map((e, i) => ({
    e,
    bytes: contents[i] as Buffer,
    links: e.controls.map((c) => controlRow(c.catalog, c.controlId)),
  }));
  checkFileHistory(ctx, f);
  const written = storeNewEvidence(
    ctx,
    evidence.map(({ e, bytes }) => ({ sha256: e.sha256, bytes })),
  );
  try {
    commitImport(ctx, f, rows, answerRows, evidence);
  } catch (err) {
    removeUnused(ctx, written);
    throw err;
  }
  return getAssessmentSummary(ctx, a.id);
}

function commitImport(
  ctx: ServiceContext,
  f: AssessmentFile,
  rows: (AssessmentFile['catalogs'][number] & { row: number })[],
  answerRows: { x: AssessmentFile['answers'][number]; row: number }[],
  evidence: { e: AssessmentFile['evidence'][number]; links: number[] }[],
): void {
  const a = f.assessment;
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      // The same organization as creating an assessment: found by name (its contact updated, recorded) or created.
      const orgId = a.organization
        ? findOrCreateOrganization(ctx, a.organization.name, a.organization.contact, at, actorOf(ctx))
        : null;
      const first = rows[0] as (typeof rows)[number];
      ctx.db
        .prepare(
          `INSERT INTO assessments (id, name, organization_id, catalog_row, scope, status, created_at, updated_at, assessors, period_start, period_end, overall_comment)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          a.id,
          a.name,
          orgId,
          first.row,
          a.scope,
          a.status,
          a.createdAt,
          a.updatedAt,
          a.assessors,
          a.periodStart,
          a.periodEnd,
          a.overallComment,
        );
      if (a.reportNumber)
        ctx.db.prepare('UPDATE assessments SET report_number = ? WHERE id = ?').run(a.reportNumber, a.id);
      // The same checks as creating one: a known profile per catalog, each catalog once.
      const taken = new Set<string>();
      rows.forEach((r, i) => addPart(ctx, a.id, i, { catalog: r.row, profile: r.profile }, taken));
      const insertAnswer = ctx.db
        .prepare(`INSERT INTO answers (assessment_id, control_row, ${ANSWER_COLUMNS.map((c) => c.column).join(', ')}, updated_at, updated_by, revision)
        VALUES (?, ?, ${ANSWER_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`);
      for (const { x, row } of answerRows) {
        const fields = answerFieldsOf(x);
        insertAnswer.run(
          a.id,
          row,
          ...ANSWER_COLUMNS.map((c) => c.toDb(fields[c.name])),
          x.updatedAt,
          x.updatedBy,
          x.revision,
        );
      }
      for (const { e, links } of evidence) {
        ctx.db
          .prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)')
          .run(e.sha256, e.size, e.mediaType, e.addedAt);
        ctx.db
          .prepare(
            'INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(e.id, a.id, e.sha256, e.fileName, e.addedBy, e.addedAt);
        for (const row of links)
          ctx.db
            .prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, control_row) VALUES (?, ?)')
            .run(e.id, row);
      }
      for (const d of f.dismissedSuggestions)
        ctx.db
          .prepare(
            'INSERT OR IGNORE INTO suggestion_dismissals (assessment_id, control_key, source_assessment_id, source_key, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(a.id, d.control, d.sourceAssessmentId, d.sourceKey, d.dismissedBy, d.dismissedAt);
      for (const x of f.signoff ?? [])
        ctx.db
          .prepare(
            'INSERT INTO assessment_signoffs (assessment_id, step, name, role, signed_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(a.id, x.step, x.name, x.role, x.at);
      for (const h of f.history)
        appendAudit(ctx.db, {
          at: h.at,
          actor: h.actor,
          action: h.action,
          assessmentId: a.id,
          entity: h.entity,
          entityId: h.entityId,
          oldValue: h.oldValue ?? undefined,
          newValue: h.newValue ?? undefined,
          appVersion: h.appVersion,
        });
      appendAudit(ctx.db, {
        at,
        actor: actorOf(ctx),
        action: 'assessment.import',
        assessmentId: null,
        entity: 'assessment',
        entityId: a.id,
        oldValue: undefined,
        newValue: {
          name: a.name,
          catalogs: rows.map((r) => `${r.catalog}@${r.version}`),
          answers: f.answers.length,
          evidence: f.evidence.length,
          history: f.history.length,
          exportedBy: f.generator.version,
        },
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
}
