import { AppError } from '../../shared/api/errors';
import type { AssessmentSummary } from '../../shared/api/types';
import { appendAudit } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { stmt } from '../db/statements';
import { actorOf } from '../settings/settings';
import { getAssessmentSummary } from './assessments';

/**
 * Archive and trash. An archived assessment is hidden from the home list (a filter shows it) and read-only until
 * unarchived: a past period stays as it was reported. The trash is recoverable: an assessment in it is hidden and
 * read-only until restored; emptying the trash deletes those assessments (answers, evidence rows, links) for good,
 * while their history entries stay in the chain, so the deletion itself is on record. The evidence files' bytes stay
 * in the workspace (content-addressed, possibly shared with another assessment).
 */

type Shelf = { name: string; archived_at: string | null; trashed_at: string | null };

function shelfOf(ctx: ServiceContext, id: string): Shelf {
  const r = ctx.db.prepare('SELECT name, archived_at, trashed_at FROM assessments WHERE id = ?').get(id) as
    Shelf | undefined;
  if (!r) throw new AppError('not_found', 'assessmentNotFound', { id });
  return r;
}

/** Refuses a change to an archived assessment or one in the trash, with a message saying how to change it again. */
export function assertNotShelved(ctx: ServiceContext, id: string): void {
  const r = stmt(ctx.db, 'SELECT name, archived_at, trashed_at FROM assessments WHERE id = ?').get(id) as
    Shelf | undefined;
  if (r) assertShelfOpen(r);
}

/** The same on an assessment row already read. */
export function assertShelfOpen(r: Shelf): void {
  if (r.trashed_at) throw new AppError('locked', 'periods.inTrash', { name: r.name });
  if (r.archived_at) throw new AppError('locked', 'periods.archived', { name: r.name });
}

function record(ctx: ServiceContext, id: string, action: string, oldValue: unknown, newValue: unknown, at: string) {
  appendAudit(ctx.db, {
    at,
    actor: actorOf(ctx),
    action,
    assessmentId: id,
    entity: 'assessment',
    entityId: id,
    oldValue,
    newValue,
    appVersion: ctx.appVersion,
  });
}

export function archiveAssessment(ctx: ServiceContext, input: { id: string; archived: boolean }): AssessmentSummary {
  const s = shelfOf(ctx, input.id);
  if (s.trashed_at) throw new AppError('locked', 'periods.inTrash', { name: s.name });
  if ((s.archived_at !== null) === input.archived) return getAssessmentSummary(ctx, input.id);
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      ctx.db.prepare('UPDATE assessments SET archived_at = ? WHERE id = ?').run(input.archived ? at : null, input.id);
      record(
        ctx,
        input.id,
        input.archived ? 'assessment.archive' : 'assessment.unarchive',
        { archivedAt: s.archived_at },
        { archivedAt: input.archived ? at : null },
        at,
      );
    })
    .immediate();
  return getAssessmentSummary(ctx, input.id);
}

export function trashAssessment(ctx: ServiceContext, id: string): AssessmentSummary {
  const s = shelfOf(ctx, id);
  if (s.trashed_at) return getAssessmentSummary(ctx, id);
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      ctx.db.prepare('UPDATE assessments SET trashed_at = ? WHERE id = ?').run(at, id);
      record(ctx, id, 'assessment.trash', { trashedAt: null }, { trashedAt: at, name: s.name }, at);
    })
    .immediate();
  return getAssessmentSummary(ctx, id);
}

export function restoreAssessment(ctx: ServiceContext, id: string): AssessmentSummary {
  const s = shelfOf(ctx, id);
  if (!s.trashed_at) throw new AppError('conflict', 'periods.notInTrash', { name: s.name });
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      ctx.db.prepare('UPDATE assessments SET trashed_at = NULL WHERE id = ?').run(id);
      record(ctx, id, 'assessment.restore', { trashedAt: s.trashed_at }, { trashedAt: null }, at);
    })
    .immediate();
  return getAssessmentSummary(ctx, id);
}

/** Deletes every assessment in the trash; each deletion is a history entry (the entries before it stay). */
export function emptyTrash(ctx: ServiceContext): { deleted: number } {
  const at = isoNow(ctx);
  const rows = ctx.db.prepare('SELECT id, name FROM assessments WHERE trashed_at IS NOT NULL').all() as {
    id: string;
    name: string;
  }[];
  ctx.db
    .transaction(() => {
      for (const r of rows) {
        const counts = ctx.db
          .prepare(
            `SELECT (SELECT count(*) FROM answers WHERE assessment_id = ?) AS answers, (SELECT count(*) FROM evidence WHERE assessment_id = ?) AS evidence`,
          )
          .get(r.id, r.id) as { answers: number; evidence: number };
        // Answers, evidence rows and links, catalogs, upgrade and carry records go with it (ON DELETE CASCADE).
        ctx.db.prepare('DELETE FROM assessments WHERE id = ?').run(r.id);
        record(ctx, r.id, 'assessment.delete', { name: r.name, ...counts }, undefined, at);
      }
    })
    .immediate();
  return { deleted: rows.length };
}
