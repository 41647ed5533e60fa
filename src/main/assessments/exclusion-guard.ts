import { checkExclusion, indexNodes, type ExclusionNode } from '../../core/assessment/exclusion-rule';
import type { AnswerValue } from '../../core/catalog/format';
import { AppError } from '../../shared/api/errors';
import type { ServiceContext } from '../context';

/**
 * Workspace side of the exclusion rule (src/core/assessment/exclusion-rule.ts): reads the nodes' own `excludable`
 * (stored in the control's body JSON) for the quality check and for the answer save.
 */

type Row = { control_id: string; parent_id: string | null; excludable: number | null };
const toNode = (r: Row): ExclusionNode => ({
  controlId: r.control_id,
  parentId: r.parent_id,
  excludable: r.excludable === null ? null : r.excludable === 1,
});

/** Every node of one catalog version with its own `excludable` (quality check: one read per catalog). */
export function exclusionNodes(ctx: ServiceContext, catalogRow: number): ExclusionNode[] {
  return (
    ctx.db
      .prepare(
        "SELECT control_id, parent_id, json_extract(body, '$.excludable') AS excludable FROM controls WHERE catalog_row = ? AND withdrawn = 0",
      )
      .all(catalogRow) as Row[]
  ).map(toNode);
}

/** A control and its ancestors only (the answer save checks one control). */
function ancestry(ctx: ServiceContext, catalogRow: number, controlId: string): ExclusionNode[] {
  return (
    ctx.db
      .prepare(
        `WITH RECURSIVE up(control_id, parent_id, excludable, depth) AS (
      SELECT control_id, parent_id, json_extract(body, '$.excludable'), 0 FROM controls WHERE catalog_row = ? AND control_id = ?
      UNION ALL
      SELECT k.control_id, k.parent_id, json_extract(k.body, '$.excludable'), up.depth + 1 FROM controls k JOIN up ON k.catalog_row = ? AND k.control_id = up.parent_id WHERE up.depth < 64)
    SELECT control_id, parent_id, excludable FROM up`,
      )
      .all(catalogRow, controlId, catalogRow) as Row[]
  ).map(toNode);
}

/**
 * Refuses an answer that excludes (meaning not_applicable) a control whose catalog forbids exclusion there, e.g.
 * ISMAP's governance and management criteria, which are implemented in full. `key` names the control in the message.
 */
export function assertExclusionAllowed(
  ctx: ServiceContext,
  scale: readonly AnswerValue[],
  target: { catalogRow: number; controlId: string; key: string },
  value: string | null | undefined,
): void {
  if (value === null || value === undefined) return;
  const meaning = scale.find((s) => s.value === value)?.meaning;
  if (meaning !== 'not_applicable') return;
  const check = checkExclusion(
    target.controlId,
    meaning,
    indexNodes(ancestry(ctx, target.catalogRow, target.controlId)),
  );
  if (!check.ok)
    throw new AppError('bad_input', 'exclusionNotAllowed', { control: target.key, value, decidedBy: check.decidedBy });
}
