import {
  checkHistory,
  type AssessmentStatus,
  type Divergence,
  type HistoryEntry,
  type ReplayOptions,
  type StoredState,
} from '../../core/audit/replay';
import type { ServiceContext } from '../context';
import { answersOf } from '../assessments/answer-rows';
import { catalogsOf } from '../assessments/assessment-catalogs';
import { listEvidence } from '../assessments/evidence';
import { signoffRows } from '../assessments/signoff';
import { stmt } from '../db/statements';

type EntryRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
};

/** One assessment's history entries as recorded in this workspace's chain, oldest first. */
export function historyEntries(ctx: ServiceContext, assessmentId: string): HistoryEntry[] {
  const rows = stmt(
    ctx.db,
    'SELECT seq, at, actor, action, entity, entity_id, old_value, new_value FROM audit_log WHERE assessment_id = ? ORDER BY seq',
  ).all(assessmentId) as EntryRow[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
  }));
}

/** What the workspace stores for an assessment, in the shape the replay compares. */
export function storedState(ctx: ServiceContext, assessmentId: string): StoredState {
  const a = stmt(
    ctx.db,
    'SELECT name, scope, assessors, period_start, period_end, overall_comment, status FROM assessments WHERE id = ?',
  ).get(assessmentId) as {
    name: string;
    scope: string;
    assessors: string;
    period_start: string | null;
    period_end: string | null;
    overall_comment: string;
    status: AssessmentStatus;
  };
  const dismissals = stmt(
    ctx.db,
    'SELECT control_key, source_assessment_id, source_key, dismissed_by, dismissed_at FROM suggestion_dismissals WHERE assessment_id = ?',
  ).all(assessmentId) as {
    control_key: string;
    source_assessment_id: string;
    source_key: string;
    dismissed_by: string;
    dismissed_at: string;
  }[];
  return {
    status: a.status,
    details: {
      name: a.name,
      scope: a.scope,
      assessors: a.assessors,
      periodStart: a.period_start,
      periodEnd: a.period_end,
      overallComment: a.overall_comment,
    },
    answers: answersOf(ctx.db, assessmentId),
    evidence: listEvidence(ctx, assessmentId),
    dismissals: dismissals.map((d) => ({
      controlKey: d.control_key,
      sourceAssessmentId: d.source_assessment_id,
      sourceKey: d.source_key,
      dismissedBy: d.dismissed_by,
      dismissedAt: d.dismissed_at,
    })),
    signoff: signoffRows(ctx, assessmentId),
  };
}

/**
 * What an upgrade kept (see ReplayOptions), read from this workspace's catalogs the way the upgrade compares them
 * (versions.ts, withdrawn controls left out): not a control withdrawn in the version upgraded from, and a control
 * (not withdrawn) of the version upgraded to. A version this workspace does not have decides nothing.
 */
export function replayOptions(ctx: ServiceContext): ReplayOptions {
  const q = ctx.db.prepare(
    `SELECT k.control_id, k.withdrawn = 0 AS live FROM controls k JOIN catalogs c ON c.id = k.catalog_row WHERE c.catalog_id = ? AND c.version = ?`,
  );
  const cache = new Map<string, Map<string, boolean> | null>();
  const controls = (label: string) => {
    if (!cache.has(label)) {
      const at = label.lastIndexOf('@');
      const rows = q.all(label.slice(0, at), label.slice(at + 1)) as { control_id: string; live: number }[];
      cache.set(label, rows.length ? new Map(rows.map((r) => [r.control_id, r.live === 1])) : null);
    }
    return cache.get(label) ?? null;
  };
  return {
    keptOnUpgrade: (from, to, id) => {
      const before = controls(from);
      const after = controls(to);
      return (before === null || before.get(id) !== false) && (after === null || after.get(id) === true);
    },
  };
}

export type AssessmentDivergence = Divergence & { assessmentId: string; assessmentName: string };

/**
 * Replays every assessment's history (or one's) and compares it with what is stored: the first divergence, naming
 * the assessment, the control or evidence, the field, what the history says and what is stored, and the entry.
 */
export function replayAssessments(ctx: ServiceContext, assessmentId?: string): AssessmentDivergence | null {
  const ids = (
    assessmentId
      ? ctx.db.prepare('SELECT id, name FROM assessments WHERE id = ?').all(assessmentId)
      : ctx.db.prepare('SELECT id, name FROM assessments ORDER BY created_at, id').all()
  ) as { id: string; name: string }[];
  const opts = replayOptions(ctx);
  for (const a of ids) {
    const first = catalogsOf(ctx, a.id)[0]?.catalogId ?? '';
    const d = checkHistory(historyEntries(ctx, a.id), first, storedState(ctx, a.id), opts);
    if (d) return { ...d, assessmentId: a.id, assessmentName: a.name };
  }
  return null;
}
