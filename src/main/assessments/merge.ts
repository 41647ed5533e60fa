import { answerFieldsOf } from '../../core/assessment/answer-fields';
import type { AssessmentFile } from '../../core/exchange/assessment-file';
import {
  buildMergeEntry,
  MergePlanError,
  mergeChangesNothing,
  planMerge,
  previewOf,
  type ChainedEntry,
  type MergePlan,
  type MergePreview,
} from '../../core/exchange/merge-plan';
import { MERGE_ACTION, type MergeTake } from '../../core/audit/replay-merge';
import { visibleName } from '../../core/assessment/evidence-name';
import { MAX_ASSESSMENT_FILE_BYTES, MAX_SEALED_PACKAGE_BYTES } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { AssessmentSummary } from '../../shared/api/types';
import { appendAudit } from '../audit/audit-log';
import { replayAssessments, replayOptions } from '../audit/history-replay';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { upsertAnswer } from './answer-rows';
import { catalogsOf, resolveControl } from './assessment-catalogs';
import { assertEditable, getAssessmentSummary } from './assessments';
import { checkFileHistory, checkFileRules, parseAssessmentFile, removeUnused, storeNewEvidence } from './exchange';
import { openPayload } from './sealed';

/**
 * Merging another copy of an assessment that is already here (the same assessment ID): an assessment file or a
 * sealed package of one. The copy is checked exactly as an import checks it (the file's rules, and its history
 * replayed against its answers, evidence and status: a tampered history is refused naming the entry), then the two
 * histories are compared (core/exchange/merge-plan.ts). Applying writes what only their side changed and the
 * conflicts chosen "theirs", and one `assessment.merge` history entry with both chain heads, the choices and every
 * resulting value, all in one transaction whose replay is checked before it commits.
 */

export type MergeSource = { content: string; passphrase?: string | undefined };
export type MergeChoices = {
  take?: MergeTake | undefined;
  choices?: Record<string, MergeTake> | undefined;
  /** Our chain head as the preview showed it: refused when the assessment changed since. */
  expectOurs?: string | undefined;
};
export type MergeResult = { outcome: 'nothing' | 'merged'; assessment: AssessmentSummary; preview: MergePreview };

/** The assessment file inside the source: a sealed package (base64, opened with the passphrase) or the JSON text. */
async function fileText(src: MergeSource): Promise<string> {
  if (src.passphrase === undefined) return src.content;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(src.content)) throw new AppError('bad_input', 'sealedNotPackage');
  const bytes = Buffer.from(src.content, 'base64');
  if (bytes.length > MAX_SEALED_PACKAGE_BYTES)
    throw new AppError('bad_input', 'sealedTooLarge', { max: MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024 });
  return (await openPayload(bytes, src.passphrase, 'assessment')).toString('utf8');
}

type ChainRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  app_version: string;
};

function ourEntries(ctx: ServiceContext, id: string): ChainedEntry[] {
  const rows = ctx.db
    .prepare(
      'SELECT seq, at, actor, action, entity, entity_id, old_value, new_value, app_version FROM audit_log WHERE assessment_id = ? ORDER BY seq',
    )
    .all(id) as ChainRow[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
    appVersion: r.app_version,
  }));
}

const theirEntries = (f: AssessmentFile): ChainedEntry[] =>
  f.history.map((h, i) => ({
    seq: i + 1,
    at: h.at,
    actor: h.actor,
    action: h.action,
    entity: h.entity,
    entityId: h.entityId,
    oldValue: h.oldValue ?? null,
    newValue: h.newValue ?? null,
    appVersion: h.appVersion,
  }));

type Prepared = { f: AssessmentFile; plan: MergePlan; contents: Buffer[]; preview: MergePreview };

/** Checks the copy as an import does, checks this side, and plans the merge; refuses anything it cannot merge. */
function prepare(ctx: ServiceContext, text: string): Prepared {
  const f = parseAssessmentFile(text);
  const a = f.assessment;
  const here = ctx.db.prepare('SELECT id, name FROM assessments WHERE id = ?').get(a.id) as
    { id: string; name: string } | undefined;
  if (!here) throw new AppError('not_found', 'mergeNotHere', { id: a.id, name: a.name });
  // The same catalogs, versions and profiles: a copy moved to another version is upgraded here first.
  const parts = catalogsOf(ctx, a.id);
  const label = (xs: { catalog: string; version: string; profile: string | null }[]) =>
    xs.map((x) => `${x.catalog}@${x.version}${x.profile ? `/${x.profile}` : ''}`).join(', ');
  const oursLabel = label(parts.map((p) => ({ catalog: p.catalogId, version: p.version, profile: p.profile })));
  const theirsLabel = label(f.catalogs);
  if (oursLabel !== theirsLabel)
    throw new AppError('conflict', 'mergeCatalogsDiffer', { ours: oursLabel, theirs: theirsLabel });
  const rowOf = new Map(parts.map((p) => [p.catalogId, p.catalogRow]));
  const contents = checkFileRules(ctx, f, rowOf);
  checkFileHistory(ctx, f);
  // This side must agree with its own history too, or the merge would build on something audit verify refuses.
  const ours = replayAssessments(ctx, a.id);
  if (ours)
    throw new AppError('conflict', 'mergeOursDiverges', {
      name: here.name,
      entry: ours.seq ?? '—',
      key: visibleName(ours.key) || '—',
      field: ours.field,
    });
  let plan: MergePlan;
  try {
    plan = planMerge(ourEntries(ctx, a.id), theirEntries(f), parts[0]?.catalogId ?? '', replayOptions(ctx));
  } catch (e) {
    if (e instanceof MergePlanError)
      throw new AppError('bad_input', 'mergeCannotPlan', { reason: e.reason, detail: e.detail.slice(0, 120) });
    throw e;
  }
  if (plan.outcome === 'unrelated') throw new AppError('conflict', 'mergeNoCommonHistory', { id: a.id, name: a.name });
  return { f, plan, contents, preview: previewOf(a.id, here.name, plan) };
}

/** What merging the copy would do: counts of what comes over, and the conflicts side by side. Changes nothing. */
export async function previewMerge(ctx: ServiceContext, src: MergeSource): Promise<MergePreview> {
  return prepare(ctx, await fileText(src)).preview;
}

/** Merges the copy with the choices given, in one transaction recorded as one merge entry. */
export async function applyMerge(ctx: ServiceContext, src: MergeSource, choose: MergeChoices): Promise<MergeResult> {
  const { f, plan, contents, preview } = prepare(ctx, await fileText(src));
  const id = f.assessment.id;
  if (plan.outcome !== 'merge' || mergeChangesNothing(plan))
    return { outcome: 'nothing', assessment: getAssessmentSummary(ctx, id), preview };
  assertEditable(ctx, id);
  if (choose.expectOurs !== undefined && choose.expectOurs !== plan.ours.head)
    throw new AppError('conflict', 'mergeChangedSincePreview', {});
  const mediaTypes = new Map(f.evidence.map((e) => [e.sha256, e.mediaType]));
  const built = buildMergeEntry(plan, choose, (sha) => mediaTypes.get(sha) ?? 'application/octet-stream');
  if (!built.ok)
    throw new AppError('bad_input', built.problem === 'unchosen' ? 'mergeUnchosen' : 'mergeNotConflict', {
      key: built.key,
      count: plan.conflicts.length,
    });
  const nv = built.newValue;
  const bytesOf = new Map(f.evidence.map((e, i) => [e.sha256, contents[i] as Buffer]));
  const written = storeNewEvidence(
    ctx,
    nv.evidence.map((e) => ({ sha256: e.sha256, bytes: bytesOf.get(e.sha256) as Buffer })),
  );
  const at = isoNow(ctx);
  try {
    ctx.db
      .transaction(() => {
        for (const x of nv.answers) {
          const c = resolveControl(ctx, id, x.controlKey);
          upsertAnswer(
            ctx.db,
            { assessmentId: id, controlRow: c.controlRow, at: x.updatedAt, actor: x.updatedBy },
            answerFieldsOf(x.fields),
          );
        }
        if (nv.status !== undefined)
          ctx.db.prepare('UPDATE assessments SET status = ? WHERE id = ?').run(nv.status, id);
        const columns = {
          name: 'name',
          scope: 'scope',
          assessors: 'assessors',
          periodStart: 'period_start',
          periodEnd: 'period_end',
          overallComment: 'overall_comment',
        } as const;
        for (const [k, v] of Object.entries(nv.details ?? {}))
          ctx.db.prepare(`UPDATE assessments SET ${columns[k as keyof typeof columns]} = ? WHERE id = ?`).run(v, id);
        for (const e of nv.evidence) {
          ctx.db
            .prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)')
            .run(e.sha256, e.size, e.mediaType, e.addedAt);
          ctx.db
            .prepare(
              'INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(e.id, id, e.sha256, e.fileName, e.addedBy, e.addedAt);
        }
        for (const l of nv.links) {
          const row = resolveControl(ctx, id, l.controlKey).controlRow;
          if (l.linked)
            ctx.db
              .prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, control_row) VALUES (?, ?)')
              .run(l.evidenceId, row);
          else
            ctx.db
              .prepare('DELETE FROM evidence_links WHERE evidence_id = ? AND control_row = ?')
              .run(l.evidenceId, row);
        }
        for (const d of nv.dismissals)
          ctx.db
            .prepare(
              'INSERT OR IGNORE INTO suggestion_dismissals (assessment_id, control_key, source_assessment_id, source_key, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(id, d.controlKey, d.sourceAssessmentId, d.sourceKey, d.dismissedBy, d.dismissedAt);
        ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, id);
        appendAudit(ctx.db, {
          at,
          actor: actorOf(ctx),
          action: MERGE_ACTION,
          assessmentId: id,
          entity: 'assessment',
          entityId: id,
          oldValue: built.oldValue,
          newValue: nv,
          appVersion: ctx.appVersion,
        });
        // What was written must be exactly what the history now replays to, or nothing is kept.
        const d = replayAssessments(ctx, id);
        if (d)
          throw new AppError('internal', 'mergeReplayFailed', {
            key: visibleName(d.key) || '—',
            field: d.field,
            expected: d.expected,
            stored: d.stored,
          });
      })
      .immediate();
  } catch (err) {
    removeUnused(ctx, written);
    throw err;
  }
  return { outcome: 'merged', assessment: getAssessmentSummary(ctx, id), preview };
}
