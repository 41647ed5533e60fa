import { createHash, randomUUID } from 'node:crypto';
import { answerFieldsOf, sameAnswer, type AnswerFields } from '../../core/assessment/answer-fields';
import { safeEvidenceName } from '../../core/assessment/evidence-name';
import {
  checkResponse,
  parsePayload,
  REQUEST_FORMAT,
  ResponsePayloadSchema,
  selectControls,
  shownState,
  type RequestPayload,
  type RequestSelector,
  type RequestState,
} from '../../core/exchange/request-package';
import type { ScryptParams } from '../../core/exchange/sealed-package';
import { AppError } from '../../shared/api/errors';
import type { RequestView, ResponseImportSummary } from '../../shared/api/request-types';
import { appendAudit, GENESIS_HASH } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { actorOf, timeZoneOf } from '../settings/settings';
import { storedAnswer, upsertAnswer } from './answer-rows';
import { resolveControls } from './assessment-catalogs';
import { assertEditable, getAssessmentCatalogDetails } from './assessments';
import { sniffMediaType, storeEvidenceBytes } from './evidence';
import { assertExclusionAllowed } from './exclusion-guard';
import { catalogMeta } from '../catalogs/catalogs';
import { checkAnswer } from '../../core/assessment/answer-rules';
import { openPayload, sealPayload } from './sealed';

/**
 * The assessment's side of distribute and collect (formats in src/core/exchange/request-package.ts): make a request
 * for a respondent as a sealed package, list the requests with their state, and import a response.
 *
 * Import policy (written down, as the brief asks): a response is applied in full, in one transaction; an answer
 * changed here after the request was made is overwritten by the respondent's answer and named in the summary
 * (`changedHere`), so nothing is replaced silently, and the earlier answer stays in the history.
 */

type RequestRow = {
  id: string;
  assessment_id: string;
  respondent: string;
  control_keys: string;
  due: string | null;
  created_at: string;
  created_by: string;
  chain_head: string;
  chain_seq: number;
  state: RequestState;
  answered_at: string | null;
  answered_by: string | null;
};

/** The local date where the user is (YYYY-MM-DD), for overdue. */
function today(ctx: ServiceContext): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timeZoneOf(ctx), dateStyle: 'short' }).format(ctx.now());
}

/** The assessment's own chain head: the hash of its last history entry. */
function assessmentHead(ctx: ServiceContext, assessmentId: string): { hash: string; seq: number } {
  const r = ctx.db
    .prepare('SELECT hash, seq FROM audit_log WHERE assessment_id = ? ORDER BY seq DESC LIMIT 1')
    .get(assessmentId) as { hash: string; seq: number } | undefined;
  return r ?? { hash: GENESIS_HASH, seq: 0 };
}

/** The request payload (pure data) and the keys it asks about; refused with a message when nothing is chosen. */
export function buildRequest(
  ctx: ServiceContext,
  input: { assessmentId: string; respondent: string; selector: RequestSelector; due?: string | null | undefined },
): RequestPayload {
  const details = getAssessmentCatalogDetails(ctx, input.assessmentId);
  const answersByKey = new Map(details.flatMap((d) => d.answers.map((a) => [a.controlKey, a] as const)));
  const all = details.flatMap((d) => {
    const byId = new Map(d.controls.map((c) => [c.controlId, c]));
    return d.controls.map((c) => {
      const ancestors: string[] = [];
      for (let p = c.parentId, n = 0; p && n < 64; p = byId.get(p)?.parentId ?? null, n++) ancestors.unshift(p);
      const key = `${d.keyPrefix}${c.controlId}`;
      return {
        detail: d,
        control: c,
        ancestors,
        sel: {
          controlKey: key,
          controlId: c.controlId,
          ancestors,
          tags: c.tags,
          owner: answersByKey.get(key)?.owner ?? '',
          answerable: c.assessable && c.applicable,
        },
      };
    });
  });
  const picked = selectControls(
    all.map((x) => x.sel),
    input.selector,
  );
  if (picked.unknown.length)
    throw new AppError('bad_input', 'requestUnknownControls', { controls: picked.unknown.slice(0, 10).join(', ') });
  if (picked.keys.length === 0) throw new AppError('bad_input', 'requestNoControls', {});
  const wanted = new Set(picked.keys);
  const chosen = all.filter((x) => wanted.has(x.sel.controlKey));
  const usedCatalogs = [...new Set(chosen.map((x) => x.detail))];
  const summary = details[0]!;
  return {
    format: REQUEST_FORMAT,
    requestId: randomUUID(),
    assessment: { id: input.assessmentId, name: summary.name },
    chainHead: assessmentHead(ctx, input.assessmentId).hash,
    respondent: input.respondent.trim(),
    due: input.due ?? null,
    createdAt: isoNow(ctx),
    createdBy: actorOf(ctx),
    catalogs: usedCatalogs.map((d) => ({
      catalog: d.catalog.catalogId,
      version: d.catalog.version,
      title: d.catalog.title,
      answerScale: d.answerScale,
      customizedApproach: d.customizedApproach,
    })),
    controls: chosen.map((x) => {
      const byId = new Map(x.detail.controls.map((c) => [c.controlId, c]));
      const a = answersByKey.get(x.sel.controlKey);
      return {
        controlKey: x.sel.controlKey,
        catalog: x.detail.catalog.catalogId,
        controlId: x.control.controlId,
        title: x.control.title,
        path: x.ancestors.map((id) => byId.get(id)?.title ?? { ja: id, en: id }),
        description: x.control.description,
        guidance: x.control.guidance,
        providerGuidance: x.control.providerGuidance,
        evidence: x.control.evidence,
        excludable: x.control.excludable,
        answer: a ? answerFieldsOf(a) : null,
      };
    }),
  };
}

/**
 * Makes a request: records it (and a history entry) and returns it sealed under the passphrase. The history
 * entry and the row commit together; the package is built before, so a refused passphrase changes nothing.
 */
export async function createRequest(
  ctx: ServiceContext,
  input: {
    assessmentId: string;
    respondent: string;
    selector: RequestSelector;
    due?: string | null | undefined;
    passphrase: string;
  },
  kdf?: ScryptParams,
): Promise<{ request: RequestView; fileName: string; bytes: Buffer }> {
  const a = assertEditable(ctx, input.assessmentId);
  const payload = buildRequest(ctx, input);
  const bytes = await sealPayload('request', Buffer.from(JSON.stringify(payload), 'utf8'), input.passphrase, kdf);
  const keys = payload.controls.map((c) => c.controlKey);
  ctx.db
    .transaction(() => {
      // The head may have moved while the package was sealed: the request records the head it carries.
      appendAudit(ctx.db, {
        at: payload.createdAt,
        actor: payload.createdBy,
        action: 'request.create',
        assessmentId: a.id,
        entity: 'request',
        entityId: payload.requestId,
        oldValue: undefined,
        newValue: { respondent: payload.respondent, controls: keys, due: payload.due, chainHead: payload.chainHead },
        appVersion: ctx.appVersion,
      });
      ctx.db
        .prepare(
          'INSERT INTO requests (id, assessment_id, respondent, control_keys, due, created_at, created_by, chain_head, chain_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          payload.requestId,
          a.id,
          payload.respondent,
          JSON.stringify(keys),
          payload.due,
          payload.createdAt,
          payload.createdBy,
          payload.chainHead,
          assessmentHead(ctx, a.id).seq,
        );
    })
    .immediate();
  const request = listRequests(ctx, a.id).find((r) => r.id === payload.requestId) as RequestView;
  return { request, fileName: `request-${payload.requestId.slice(0, 8)}.tenken`, bytes };
}

/** The requests of an assessment, newest first, with their state as the tracking view shows it. */
export function listRequests(ctx: ServiceContext, assessmentId: string): RequestView[] {
  const day = today(ctx);
  return (
    ctx.db
      .prepare('SELECT * FROM requests WHERE assessment_id = ? ORDER BY created_at DESC, id')
      .all(assessmentId) as RequestRow[]
  ).map((r) => ({
    id: r.id,
    respondent: r.respondent,
    controlKeys: JSON.parse(r.control_keys) as string[],
    due: r.due,
    createdAt: r.created_at,
    createdBy: r.created_by,
    state: shownState(r.state, r.due, day),
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
  }));
}

/**
 * Imports a response into the assessment that made its request: all of it in one transaction or nothing. Refused,
 * with nothing changed: a package that does not open (wrong passphrase, tampered), a response to a request never
 * made here, one for another assessment or another state of it, one already imported, one with controls outside
 * the request, evidence whose bytes do not match their SHA-256, and an answer that breaks a rule of its catalog.
 */
export async function importResponse(
  ctx: ServiceContext,
  input: { assessmentId: string; bytes: Buffer; passphrase: string },
): Promise<ResponseImportSummary> {
  const a = assertEditable(ctx, input.assessmentId);
  const opened = await openPayload(input.bytes, input.passphrase, 'response');
  const parsed = parsePayload(ResponsePayloadSchema, opened.toString('utf8'));
  if (!parsed.ok) throw new AppError('bad_input', 'responseInvalid', { detail: parsed.detail });
  const response = parsed.value;
  const row = ctx.db.prepare('SELECT * FROM requests WHERE id = ?').get(response.requestId) as RequestRow | undefined;
  if (!row || row.assessment_id !== a.id)
    throw new AppError('bad_input', 'responseUnknownRequest', { request: response.requestId.slice(0, 8) });
  const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');
  const problem = checkResponse(
    {
      id: row.id,
      assessmentId: row.assessment_id,
      chainHead: row.chain_head,
      controlKeys: JSON.parse(row.control_keys) as string[],
      state: row.state,
    },
    response,
    sha,
  );
  if (problem) {
    switch (problem.problem) {
      case 'otherAssessment':
      case 'chainHead':
        throw new AppError('bad_input', 'responseUnknownRequest', { request: response.requestId.slice(0, 8) });
      case 'alreadyImported':
        throw new AppError('conflict', 'responseAlreadyImported', {
          respondent: row.respondent,
          at: row.answered_at ?? '',
        });
      case 'outsideRequest':
        throw new AppError('bad_input', 'responseOutsideRequest', {
          controls: problem.controls.slice(0, 10).join(', '),
        });
      case 'duplicateControl':
        throw new AppError('bad_input', 'responseInvalid', { detail: `${problem.control}: twice` });
      case 'evidenceHash':
        throw new AppError('bad_input', 'responseEvidenceHash', { file: problem.file });
    }
  }
  const keys = [
    ...new Set([...response.answers.map((x) => x.controlKey), ...response.evidence.flatMap((e) => e.controlKeys)]),
  ];
  const resolved = new Map(resolveControls(ctx, a.id, keys).map((c) => [c.controlKey, c]));
  // Every answer is checked before anything is written.
  for (const ans of response.answers) {
    const c = resolved.get(ans.controlKey)!;
    const meta = catalogMeta(ctx, c.catalog.catalogRow);
    const broken = checkAnswer(meta.answer_scale, ans.fields, 'ja', { customizedApproach: meta.customized_approach });
    if (broken) throw new AppError('bad_input', broken.key, { ...broken.params, control: c.controlKey });
    assertExclusionAllowed(
      ctx,
      meta.answer_scale,
      { catalogRow: c.catalog.catalogRow, controlId: c.controlId, key: c.controlKey },
      ans.fields.value,
    );
  }
  const changedSince = new Set(
    (
      ctx.db
        .prepare("SELECT DISTINCT entity_id FROM audit_log WHERE assessment_id = ? AND entity = 'answer' AND seq > ?")
        .all(a.id, row.chain_seq) as { entity_id: string }[]
    ).map((r) => r.entity_id),
  );
  // Evidence files are stored before the rows that name them commit (as evidence.add does).
  const files = response.evidence.map((e) => {
    const bytes = Buffer.from(e.content, 'base64');
    storeEvidenceBytes(ctx, e.sha256, bytes);
    const fileName = safeEvidenceName(e.fileName);
    return { e, bytes, fileName, mediaType: sniffMediaType(bytes, fileName) };
  });
  const at = isoNow(ctx);
  const source = { request: response.requestId, respondent: response.respondent };
  const out: ResponseImportSummary = {
    requestId: response.requestId,
    respondent: response.respondent,
    answeredBy: response.answeredBy,
    applied: [],
    unchanged: [],
    changedHere: [],
    evidenceAdded: 0,
    evidenceLinked: 0,
  };
  ctx.db
    .transaction(() => {
      for (const ans of response.answers) {
        const c = resolved.get(ans.controlKey)!;
        const stored = storedAnswer(ctx.db, a.id, c.controlRow);
        const before: AnswerFields = stored?.fields ?? answerFieldsOf(undefined);
        const after = answerFieldsOf(ans.fields);
        if (sameAnswer(before, after)) {
          out.unchanged.push(c.controlKey);
          continue;
        }
        if (changedSince.has(c.controlKey)) out.changedHere.push(c.controlKey);
        const actor = ans.answeredBy || response.answeredBy;
        upsertAnswer(ctx.db, { assessmentId: a.id, controlRow: c.controlRow, at, actor }, after);
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'answer.set',
          assessmentId: a.id,
          entity: 'answer',
          entityId: c.controlKey,
          oldValue: stored ? before : null,
          newValue: { ...after, ...source },
          appVersion: ctx.appVersion,
        });
        out.applied.push(c.controlKey);
      }
      for (const f of files) {
        const actor = f.e.addedBy || response.answeredBy;
        ctx.db
          .prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)')
          .run(f.e.sha256, f.bytes.length, f.mediaType, at);
        const existing = ctx.db
          .prepare('SELECT id, file_name FROM evidence WHERE assessment_id = ? AND sha256 = ?')
          .get(a.id, f.e.sha256) as { id: string; file_name: string } | undefined;
        const id = existing?.id ?? randomUUID();
        const fileName = existing?.file_name ?? f.fileName;
        if (!existing) {
          ctx.db
            .prepare(
              'INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(id, a.id, f.e.sha256, fileName, actor, at);
          appendAudit(ctx.db, {
            at,
            actor,
            action: 'evidence.add',
            assessmentId: a.id,
            entity: 'evidence-file',
            entityId: id,
            oldValue: undefined,
            newValue: { fileName, sha256: f.e.sha256, size: f.bytes.length, mediaType: f.mediaType, ...source },
            appVersion: ctx.appVersion,
          });
          out.evidenceAdded++;
        }
        for (const key of f.e.controlKeys) {
          const c = resolved.get(key)!;
          const r = ctx.db
            .prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, control_row) VALUES (?, ?)')
            .run(id, c.controlRow);
          if (r.changes === 0) continue;
          appendAudit(ctx.db, {
            at,
            actor,
            action: 'evidence.link',
            assessmentId: a.id,
            entity: 'evidence',
            entityId: c.controlKey,
            oldValue: undefined,
            newValue: { evidenceId: id, fileName, sha256: f.e.sha256, ...source },
            appVersion: ctx.appVersion,
          });
          out.evidenceLinked++;
        }
      }
      appendAudit(ctx.db, {
        at,
        actor: actorOf(ctx),
        action: 'request.answered',
        assessmentId: a.id,
        entity: 'request',
        entityId: response.requestId,
        oldValue: { state: 'out' },
        newValue: {
          state: 'answered',
          respondent: response.respondent,
          answeredBy: response.answeredBy,
          sealedAt: response.sealedAt,
          applied: out.applied,
          unchanged: out.unchanged,
          changedHere: out.changedHere,
          evidence: files.map((f) => f.e.sha256),
        },
        appVersion: ctx.appVersion,
      });
      ctx.db
        .prepare("UPDATE requests SET state = 'answered', answered_at = ?, answered_by = ? WHERE id = ?")
        .run(at, response.answeredBy, response.requestId);
      ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, a.id);
    })
    .immediate();
  return out;
}
