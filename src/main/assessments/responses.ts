import { createHash } from 'node:crypto';
import { answerFieldsOf, mergeAnswer, type AnswerFields, type AnswerPatch } from '../../core/assessment/answer-fields';
import { safeEvidenceName } from '../../core/assessment/evidence-name';
import {
  checkRequestAnswer,
  parsePayload,
  RequestPayloadSchema,
  RESPONSE_FORMAT,
  type RequestPayload,
  type ResponsePayload,
} from '../../core/exchange/request-package';
import type { ScryptParams } from '../../core/exchange/sealed-package';
import { AppError } from '../../shared/api/errors';
import type { ResponseItemSummary, ResponseItemView } from '../../shared/api/request-types';
import { appendAudit } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { EVIDENCE_MAX_BYTES, readEvidenceBytes, sniffMediaType, storeEvidenceBytes } from './evidence';
import { openPayload, sealPayload } from './sealed';

/**
 * The respondent's side of distribute and collect: a request opened here becomes a *response work item* holding
 * only the request's controls with their catalog text and guidance; its answers pass the same rules as any answer
 * (answer-rules.ts via checkRequestAnswer), evidence is kept in the workspace's evidence store by SHA-256, and the
 * whole is sealed as a response package for the assessment that asked. Each step is recorded in the workspace's
 * history (entries without an assessment: `response.*`).
 */

type ItemRow = {
  request_id: string;
  respondent: string;
  assessment_name: string;
  payload: string;
  opened_at: string;
  opened_by: string;
  sealed_at: string | null;
};

function itemRow(ctx: ServiceContext, requestId: string): ItemRow {
  const r = ctx.db.prepare('SELECT * FROM response_items WHERE request_id = ?').get(requestId) as ItemRow | undefined;
  if (!r) throw new AppError('not_found', 'responseItemNotFound', { request: requestId.slice(0, 8) });
  return r;
}

function assertWritable(ctx: ServiceContext): void {
  if (ctx.readOnly) throw new AppError('forbidden', 'workspaceReadOnly', { reason: ctx.readOnly });
}

/** Opens a request package and keeps it as a response work item (opening the same request again shows it). */
export async function openRequest(ctx: ServiceContext, bytes: Buffer, passphrase: string): Promise<ResponseItemView> {
  assertWritable(ctx);
  const opened = await openPayload(bytes, passphrase, 'request');
  const parsed = parsePayload(RequestPayloadSchema, opened.toString('utf8'));
  if (!parsed.ok) throw new AppError('bad_input', 'requestInvalid', { detail: parsed.detail });
  const req = parsed.value;
  const catalogs = new Set(req.catalogs.map((c) => c.catalog));
  const stray = req.controls.find((c) => !catalogs.has(c.catalog));
  if (stray) throw new AppError('bad_input', 'requestInvalid', { detail: `controls.${stray.controlKey}: no catalog` });
  const exists = ctx.db.prepare('SELECT 1 FROM response_items WHERE request_id = ?').get(req.requestId);
  if (!exists) {
    const at = isoNow(ctx);
    const actor = actorOf(ctx);
    ctx.db
      .transaction(() => {
        ctx.db
          .prepare(
            'INSERT INTO response_items (request_id, respondent, assessment_name, payload, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(req.requestId, req.respondent, req.assessment.name, JSON.stringify(req), at, actor);
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'response.open',
          assessmentId: null,
          entity: 'response',
          entityId: req.requestId,
          oldValue: undefined,
          newValue: { respondent: req.respondent, controls: req.controls.length, due: req.due },
          appVersion: ctx.appVersion,
        });
      })
      .immediate();
  }
  return getResponseItem(ctx, req.requestId);
}

/** The response work items of this workspace, newest first (without the request text). */
export function listResponseItems(ctx: ServiceContext): ResponseItemSummary[] {
  const rows = ctx.db.prepare('SELECT * FROM response_items ORDER BY opened_at DESC, request_id').all() as ItemRow[];
  return rows.map((r) => {
    const req = JSON.parse(r.payload) as RequestPayload;
    const answered = (
      ctx.db.prepare('SELECT COUNT(*) AS n FROM response_answers WHERE request_id = ?').get(r.request_id) as {
        n: number;
      }
    ).n;
    return {
      requestId: r.request_id,
      respondent: r.respondent,
      assessmentName: r.assessment_name,
      due: req.due,
      controls: req.controls.length,
      answered,
      openedAt: r.opened_at,
      sealedAt: r.sealed_at,
    };
  });
}

export function getResponseItem(ctx: ServiceContext, requestId: string): ResponseItemView {
  const r = itemRow(ctx, requestId);
  const request = JSON.parse(r.payload) as RequestPayload;
  const answers = (
    ctx.db
      .prepare('SELECT control_key, fields, updated_at, updated_by FROM response_answers WHERE request_id = ?')
      .all(requestId) as { control_key: string; fields: string; updated_at: string; updated_by: string }[]
  ).map((a) => ({
    controlKey: a.control_key,
    fields: answerFieldsOf(JSON.parse(a.fields) as Partial<AnswerFields>),
    updatedAt: a.updated_at,
    updatedBy: a.updated_by,
  }));
  const order = new Map(request.controls.map((c, i) => [c.controlKey, i]));
  answers.sort((x, y) => (order.get(x.controlKey) ?? 0) - (order.get(y.controlKey) ?? 0));
  const evidence = (
    ctx.db
      .prepare(
        'SELECT e.sha256, e.file_name, e.control_keys, e.added_by, e.added_at, f.size FROM response_evidence e JOIN evidence_files f ON f.sha256 = e.sha256 WHERE e.request_id = ? ORDER BY e.added_at, e.file_name',
      )
      .all(requestId) as {
      sha256: string;
      file_name: string;
      control_keys: string;
      added_by: string;
      added_at: string;
      size: number;
    }[]
  ).map((e) => ({
    sha256: e.sha256,
    fileName: e.file_name,
    size: e.size,
    controlKeys: JSON.parse(e.control_keys) as string[],
    addedBy: e.added_by,
    addedAt: e.added_at,
  }));
  return {
    requestId,
    respondent: r.respondent,
    assessmentName: r.assessment_name,
    due: request.due,
    openedAt: r.opened_at,
    sealedAt: r.sealed_at,
    request,
    answers,
    evidence,
  };
}

function controlOf(request: RequestPayload, controlKey: string) {
  const control = request.controls.find((c) => c.controlKey === controlKey);
  if (!control) throw new AppError('bad_input', 'responseOutsideRequest', { controls: controlKey });
  const catalog = request.catalogs.find((c) => c.catalog === control.catalog)!;
  return { control, catalog };
}

/**
 * Saves the respondent's answer to one control of the request; fields left out keep their value (starting from
 * the assessment's answer the request carried). The answer rules of the control's catalog apply.
 */
export function setResponseAnswer(
  ctx: ServiceContext,
  input: { requestId: string; controlKey: string } & AnswerPatch,
): ResponseItemView {
  assertWritable(ctx);
  const item = getResponseItem(ctx, input.requestId);
  const { control, catalog } = controlOf(item.request, input.controlKey);
  const current =
    item.answers.find((a) => a.controlKey === control.controlKey)?.fields ?? answerFieldsOf(control.answer);
  const { requestId: _r, controlKey: _k, ...patch } = input;
  const next = mergeAnswer(current, patch);
  const broken = checkRequestAnswer(catalog, control, next);
  if (broken) throw new AppError('bad_input', broken.key, { ...broken.params, control: control.controlKey });
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  ctx.db
    .transaction(() => {
      ctx.db
        .prepare(
          'INSERT INTO response_answers (request_id, control_key, fields, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_id, control_key) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
        )
        .run(input.requestId, control.controlKey, JSON.stringify(next), at, actor);
      appendAudit(ctx.db, {
        at,
        actor,
        action: 'response.answer',
        assessmentId: null,
        entity: 'response',
        entityId: `${input.requestId}/${control.controlKey}`,
        oldValue: current,
        newValue: next,
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return getResponseItem(ctx, input.requestId);
}

/** Attaches a file (base64) as evidence for controls of the request; the same bytes twice are one file, more links. */
export function addResponseEvidence(
  ctx: ServiceContext,
  input: { requestId: string; controlKeys: string[]; fileName: string; content: string },
): ResponseItemView {
  assertWritable(ctx);
  const item = getResponseItem(ctx, input.requestId);
  for (const k of input.controlKeys) controlOf(item.request, k);
  if (input.controlKeys.length === 0) throw new AppError('bad_input', 'responseOutsideRequest', { controls: '—' });
  const bytes = Buffer.from(input.content, 'base64');
  if (bytes.length === 0) throw new AppError('bad_input', 'evidenceEmpty', { file: input.fileName });
  if (bytes.length > EVIDENCE_MAX_BYTES)
    throw new AppError('bad_input', 'evidenceTooLarge', {
      file: input.fileName,
      limitMb: EVIDENCE_MAX_BYTES / 1024 / 1024,
    });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = safeEvidenceName(input.fileName);
  storeEvidenceBytes(ctx, sha256, bytes);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  const before = item.evidence.find((e) => e.sha256 === sha256);
  const keys = [...new Set([...(before?.controlKeys ?? []), ...input.controlKeys])];
  ctx.db
    .transaction(() => {
      ctx.db
        .prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)')
        .run(sha256, bytes.length, sniffMediaType(bytes, fileName), at);
      ctx.db
        .prepare(
          'INSERT INTO response_evidence (request_id, sha256, file_name, control_keys, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, sha256) DO UPDATE SET control_keys = excluded.control_keys',
        )
        .run(input.requestId, sha256, before?.fileName ?? fileName, JSON.stringify(keys), at, actor);
      appendAudit(ctx.db, {
        at,
        actor,
        action: 'response.evidence',
        assessmentId: null,
        entity: 'response',
        entityId: input.requestId,
        oldValue: undefined,
        newValue: { fileName, sha256, size: bytes.length, controls: keys },
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return getResponseItem(ctx, input.requestId);
}

/**
 * Seals the response: the answers written here (every field) and the evidence bytes, who answered and the request
 * id with the chain head it carried. Answers left as the request brought them are not sent.
 */
export async function sealResponse(
  ctx: ServiceContext,
  input: { requestId: string; passphrase: string },
  kdf?: ScryptParams,
): Promise<{ fileName: string; bytes: Buffer }> {
  const item = getResponseItem(ctx, input.requestId);
  if (item.answers.length === 0 && item.evidence.length === 0) throw new AppError('bad_input', 'responseEmpty', {});
  const at = isoNow(ctx);
  const payload: ResponsePayload = {
    format: RESPONSE_FORMAT,
    requestId: item.requestId,
    assessmentId: item.request.assessment.id,
    chainHead: item.request.chainHead,
    respondent: item.respondent,
    answeredBy: actorOf(ctx),
    sealedAt: at,
    answers: item.answers.map((a) => ({
      controlKey: a.controlKey,
      fields: a.fields,
      answeredBy: a.updatedBy,
      answeredAt: a.updatedAt,
    })),
    evidence: item.evidence.map((e) => ({
      fileName: e.fileName,
      sha256: e.sha256,
      size: e.size,
      controlKeys: e.controlKeys,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      content: readEvidenceBytes(ctx, e.sha256, e.fileName).toString('base64'),
    })),
  };
  const bytes = await sealPayload('response', Buffer.from(JSON.stringify(payload), 'utf8'), input.passphrase, kdf);
  if (!ctx.readOnly)
    ctx.db
      .transaction(() => {
        ctx.db.prepare('UPDATE response_items SET sealed_at = ? WHERE request_id = ?').run(at, item.requestId);
        appendAudit(ctx.db, {
          at,
          actor: payload.answeredBy,
          action: 'response.seal',
          assessmentId: null,
          entity: 'response',
          entityId: item.requestId,
          oldValue: undefined,
          newValue: { answers: payload.answers.length, evidence: payload.evidence.map((e) => e.sha256) },
          appVersion: ctx.appVersion,
        });
      })
      .immediate();
  return { fileName: `response-${item.requestId.slice(0, 8)}.tenken`, bytes };
}
