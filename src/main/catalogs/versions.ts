import { planCarryForward } from '../../core/catalog/carry-forward';
import { diffCatalogs, type CatalogDiff, type DiffNode } from '../../core/catalog/diff';
import { AppError } from '../../shared/api/errors';
import type { UpgradeReport } from '../../shared/api/types';
import { catalogFor } from '../assessments/assessment-catalogs';
import { appendAudit } from '../audit/audit-log';
import { catalogMeta } from './catalogs';
import { compareVersions } from '../../core/catalog/versions';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { assertNotShelved } from '../assessments/housekeeping';

type NodeRow = { id: number; control_id: string; text_hash: string; assessable: number; title_ja: string; title_en: string };

function nodesOf(ctx: ServiceContext, catalogRow: number): (DiffNode & { row: number })[] {
  return (ctx.db.prepare('SELECT id, control_id, text_hash, assessable, title_ja, title_en FROM controls WHERE catalog_row = ? AND withdrawn = 0 ORDER BY position').all(catalogRow) as NodeRow[]).map((r) => ({
    row: r.id, controlId: r.control_id, textHash: r.text_hash, assessable: r.assessable === 1, title: { ja: r.title_ja, en: r.title_en },
  }));
}

function catalogRowOf(ctx: ServiceContext, catalogId: string, version: string): number {
  const r = ctx.db.prepare('SELECT id FROM catalogs WHERE catalog_id = ? AND version = ?').get(catalogId, version) as { id: number } | undefined;
  if (!r) throw new AppError('not_found', 'catalogNotFound', { catalog: `${catalogId}@${version}` });
  return r.id;
}

export function diffCatalogVersions(ctx: ServiceContext, catalogId: string, from: string, to: string): CatalogDiff {
  return diffCatalogs(nodesOf(ctx, catalogRowOf(ctx, catalogId, from)), nodesOf(ctx, catalogRowOf(ctx, catalogId, to)));
}

export function versionsOf(ctx: ServiceContext, catalogId: string): string[] {
  return (ctx.db.prepare('SELECT version FROM catalogs WHERE catalog_id = ?').all(catalogId) as { version: string }[]).map((r) => r.version).sort(compareVersions);
}

type AnswerRow = { control_row: number; value: string | null; comment: string; justification: string; updated_by: string; updated_at: string };

/**
 * Moves an assessment to another version of its catalog in one transaction. Answers (and evidence links)
 * carry forward only where the control's ID and text are unchanged; answers to changed or removed controls
 * are taken off the assessment and kept in the upgrade report, with the added controls, for the user to review.
 * Exception (core/catalog/carry-forward): a target declaring `keeps_ids_of: <this version>` keeps every ID and
 * only filled in texts, so answers to its changed controls are carried as well, marked for review.
 */
export function upgradeAssessment(ctx: ServiceContext, assessmentId: string, toVersion: string, catalogId?: string): UpgradeReport {
  const head = ctx.db.prepare('SELECT id, status FROM assessments WHERE id = ?').get(assessmentId) as { id: string; status: string } | undefined;
  if (!head) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  if (head.status === 'final') throw new AppError('locked', 'assessmentFinal', {});
  assertNotShelved(ctx, assessmentId);
  const part = catalogFor(ctx, assessmentId, catalogId);
  const a = { id: head.id, catalog_row: part.catalogRow, catalog_id: part.catalogId, version: part.version, position: part.position };
  if (a.version === toVersion) throw new AppError('conflict', 'sameVersion', { version: toVersion });
  const toRow = catalogRowOf(ctx, a.catalog_id, toVersion);
  const before = nodesOf(ctx, a.catalog_row);
  const after = nodesOf(ctx, toRow);
  const diff = diffCatalogs(before, after);
  const plan = planCarryForward(diff, a.version, catalogMeta(ctx, toRow));
  const oldRow = new Map(before.map((n) => [n.controlId, n.row]));
  const newRow = new Map(after.map((n) => [n.controlId, n.row]));
  const at = isoNow(ctx);
  const actor = actorOf(ctx);

  return ctx.db.transaction((): UpgradeReport => {
    const answers = new Map((ctx.db.prepare('SELECT control_row, value, comment, justification, updated_by, updated_at FROM answers WHERE assessment_id = ?').all(a.id) as AnswerRow[]).map((r) => [r.control_row, r]));
    const carried: string[] = [];
    const review = new Set(plan.review);
    const carriedForReview: string[] = [];
    for (const id of [...plan.unchanged, ...plan.review]) {
      const from = oldRow.get(id) as number;
      const to = newRow.get(id) as number;
      if (answers.has(from)) {
        ctx.db.prepare('UPDATE answers SET control_row = ? WHERE assessment_id = ? AND control_row = ?').run(to, a.id, from);
        if (review.has(id)) {
          ctx.db.prepare('UPDATE answers SET marked_for_review = 1 WHERE assessment_id = ? AND control_row = ?').run(a.id, to);
          carriedForReview.push(id);
        }
        carried.push(id);
      }
      ctx.db.prepare('UPDATE evidence_links SET control_row = ? WHERE control_row = ? AND evidence_id IN (SELECT id FROM evidence WHERE assessment_id = ?)').run(to, from, a.id);
    }
    const previous = (id: string) => {
      const r = answers.get(oldRow.get(id) as number);
      return r ? { value: r.value, comment: r.comment, justification: r.justification, updatedBy: r.updated_by, updatedAt: r.updated_at } : null;
    };
    const report: UpgradeReport = {
      from: a.version, to: toVersion, at, actor, carried,
      ...(plan.review.length ? { carriedForReview } : {}),
      changed: plan.changed.map((c) => ({ ...c, previous: previous(c.controlId) })),
      removed: diff.removed.map((c) => ({ ...c, previous: previous(c.controlId) })),
      added: diff.added,
    };
    for (const id of [...plan.changed.map((c) => c.controlId), ...diff.removed.map((c) => c.controlId)]) {
      const from = oldRow.get(id) as number;
      ctx.db.prepare('DELETE FROM answers WHERE assessment_id = ? AND control_row = ?').run(a.id, from);
      ctx.db.prepare('DELETE FROM evidence_links WHERE control_row = ? AND evidence_id IN (SELECT id FROM evidence WHERE assessment_id = ?)').run(from, a.id);
    }
    // Withdrawn or non-assessable rows of the old version can still hold answers; nothing may stay pointing at the old catalog.
    ctx.db.prepare('DELETE FROM answers WHERE assessment_id = ? AND control_row IN (SELECT id FROM controls WHERE catalog_row = ?)').run(a.id, a.catalog_row);
    ctx.db.prepare('UPDATE assessment_catalogs SET catalog_row = ? WHERE assessment_id = ? AND position = ?').run(toRow, a.id, a.position);
    if (a.position === 0) ctx.db.prepare('UPDATE assessments SET catalog_row = ? WHERE id = ?').run(toRow, a.id);
    ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, a.id);
    ctx.db.prepare('INSERT INTO assessment_upgrades (assessment_id, from_catalog_row, to_catalog_row, at, actor, report) VALUES (?, ?, ?, ?, ?, ?)').run(a.id, a.catalog_row, toRow, at, actor, JSON.stringify(report));
    appendAudit(ctx.db, {
      at, actor, action: 'assessment.upgrade', assessmentId: a.id, entity: 'assessment', entityId: a.id,
      oldValue: { catalog: `${a.catalog_id}@${a.version}` },
      newValue: { catalog: `${a.catalog_id}@${toVersion}`, carried: carried.length, ...(plan.review.length ? { carriedForReview } : {}), changed: report.changed.map((c) => ({ controlId: c.controlId, previous: c.previous })), removed: report.removed.map((c) => ({ controlId: c.controlId, previous: c.previous })), added: report.added.length },
      appVersion: ctx.appVersion,
    });
    return report;
  }).immediate();
}

/** The latest upgrade of one catalog of the assessment (any catalog when none is named). */
export function lastUpgrade(ctx: ServiceContext, assessmentId: string, catalogId?: string): UpgradeReport | null {
  const r = ctx.db.prepare(`SELECT u.report FROM assessment_upgrades u JOIN catalogs c ON c.id = u.to_catalog_row
      WHERE u.assessment_id = ? AND (? IS NULL OR c.catalog_id = ?) ORDER BY u.id DESC LIMIT 1`).get(assessmentId, catalogId ?? null, catalogId ?? null) as { report: string } | undefined;
  return r ? (JSON.parse(r.report) as UpgradeReport) : null;
}
