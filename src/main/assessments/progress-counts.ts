import type { Progress } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';

/**
 * Progress per part of an assessment from `progress_counts` (migration 0100): one indexed read when every part has
 * its row. A part without one is recounted by `recount` and its row stored, in one write transaction so that no
 * save from another process can fall between the count and the row (the triggers that keep a row only find it once
 * it is there). A read-only workspace recounts and stores nothing.
 */
export function cachedPartProgress(
  ctx: ServiceContext,
  id: string,
  catalogRow: number | undefined,
  recount: () => Map<number, Progress>,
): Map<number, Progress> {
  const read = () =>
    stmt(
      ctx.db,
      `SELECT p.catalog_row, c.answered, c.total FROM assessment_catalogs p
        LEFT JOIN progress_counts c ON c.assessment_id = p.assessment_id AND c.catalog_row = p.catalog_row
        WHERE p.assessment_id = ? AND (? IS NULL OR p.catalog_row = ?)`,
    ).all(id, catalogRow ?? null, catalogRow ?? null) as {
      catalog_row: number;
      answered: number | null;
      total: number | null;
    }[];
  const rows = read();
  if (rows.every((r) => r.answered !== null && r.total !== null))
    return new Map(rows.map((r) => [r.catalog_row, { answered: r.answered as number, total: r.total as number }]));
  if (ctx.readOnly) return recount();
  const fill = () => {
    const counted = recount();
    const put = stmt(
      ctx.db,
      'INSERT OR REPLACE INTO progress_counts (assessment_id, catalog_row, answered, total) VALUES (?, ?, ?, ?)',
    );
    for (const [row, p] of counted) put.run(id, row, p.answered, p.total);
    return counted;
  };
  return ctx.db.inTransaction ? fill() : ctx.db.transaction(fill).immediate();
}
