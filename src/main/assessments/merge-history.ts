import { MergeEntryNew, MergeEntryOld } from '../../core/audit/replay-merge';
import type { AuditEntryView } from '../../shared/api/types';
import type { ServiceContext } from '../context';

/**
 * The merge entries that changed one control's answer, each shown as that control's change (its old and new fields,
 * with who gave the new answer in the merged copy, `mergedFrom`), so the control's history explains its answer.
 */
export function mergeEntriesFor(ctx: ServiceContext, assessmentId: string, controlKey: string): AuditEntryView[] {
  const rows = ctx.db
    .prepare(
      `SELECT seq, at, actor, action, entity, old_value, new_value FROM audit_log
        WHERE assessment_id = ? AND action = 'assessment.merge'
          AND EXISTS (SELECT 1 FROM json_each(new_value, '$.answers') j WHERE json_extract(j.value, '$.controlKey') = ?)`,
    )
    .all(assessmentId, controlKey) as {
    seq: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    old_value: string | null;
    new_value: string | null;
  }[];
  return rows.flatMap((r) => {
    const nv = MergeEntryNew.safeParse(r.new_value ? JSON.parse(r.new_value) : null);
    const ov = MergeEntryOld.safeParse(r.old_value ? JSON.parse(r.old_value) : null);
    if (!nv.success || !ov.success) return [];
    const now = nv.data.answers.find((a) => a.controlKey === controlKey);
    if (!now) return [];
    return [
      {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: 'answer',
        entityId: controlKey,
        oldValue: ov.data.answers.find((a) => a.controlKey === controlKey)?.fields ?? null,
        newValue: { ...now.fields, mergedFrom: now.updatedBy, mergedAt: now.updatedAt },
      },
    ];
  });
}
