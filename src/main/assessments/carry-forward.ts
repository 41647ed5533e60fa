import { randomUUID } from 'node:crypto';
import { carryDecision } from '../../core/assessment/carried-forward';
import { checkAnswer } from '../../core/assessment/answer-rules';
import { answerFieldsOf, type AnswerFields } from '../../core/assessment/answer-fields';
import { planCarryForward } from '../../core/catalog/carry-forward';
import { periodInOrder } from '../../core/assessment/details';
import { AppError } from '../../shared/api/errors';
import type { CarryForwardReport } from '../../shared/api/periods-types';
import type { AssessmentSummary } from '../../shared/api/types';
import { appendAudit } from '../audit/audit-log';
import { catalogMeta, resolveCatalogRef } from '../catalogs/catalogs';
import { diffCatalogVersions } from '../catalogs/versions';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { answersOf, upsertAnswer } from './answer-rows';
import { catalogsOf } from './assessment-catalogs';
import { createAssessment, getAssessmentSummary } from './assessments';
import { listEvidence } from './evidence';

export type CarryForwardInput = {
  from: string;
  name: string;
  periodStart?: string | null | undefined;
  periodEnd?: string | null | undefined;
  /** Another version of the first catalog for the new period (its answers carried by the upgrade's rule). */
  version?: string | undefined;
};

type SourceRow = {
  name: string;
  period_start: string | null;
  period_end: string | null;
  scope: string;
  assessors: string;
  org_name: string | null;
  trashed_at: string | null;
};

/**
 * A new assessment for the next period from a previous one, in one transaction: the same catalogs (the first one
 * in another version when asked), organization, scope and assessors; every answer (value, comment, justification,
 * owner, due date, remediation, severity, worksheet) carried and marked 要確認 until confirmed; the evidence files
 * with their links to the carried controls and their first dates (so an old file shows as older than the new
 * period). Where the first catalog moves to another version, a control whose text changed keeps its answer only
 * when the new version keeps the old IDs (`keeps_ids_of`, called out as text changed); otherwise the previous
 * answer is not carried and is listed in the report, as an upgrade does. The source is not changed; both histories
 * record the step, and the new one records every carried answer and file, so its replay holds.
 */
export function carryForward(ctx: ServiceContext, input: CarryForwardInput): AssessmentSummary {
  return copyAssessment(ctx, input, 'carry');
}

/**
 * An exact copy under another name (a variant for another scope, a rehearsal): the same catalog versions, period,
 * answers as they are (not marked) and evidence, its own history starting with the copy; recorded in both.
 */
export function duplicateAssessment(ctx: ServiceContext, input: { id: string; name: string }): AssessmentSummary {
  return copyAssessment(ctx, { from: input.id, name: input.name }, 'duplicate');
}

function copyAssessment(ctx: ServiceContext, input: CarryForwardInput, mode: 'carry' | 'duplicate'): AssessmentSummary {
  const carry = mode === 'carry';
  const src = ctx.db
    .prepare(
      `SELECT a.name, a.period_start, a.period_end, a.scope, a.assessors, o.name AS org_name, a.trashed_at FROM assessments a
       LEFT JOIN organizations o ON o.id = a.organization_id WHERE a.id = ?`,
    )
    .get(input.from) as SourceRow | undefined;
  if (!src) throw new AppError('not_found', 'assessmentNotFound', { id: input.from });
  if (src.trashed_at) throw new AppError('conflict', 'periods.inTrash', { name: src.name });
  if (!carry) {
    input.periodStart = src.period_start;
    input.periodEnd = src.period_end;
  }
  if (!periodInOrder({ periodStart: input.periodStart ?? null, periodEnd: input.periodEnd ?? null }))
    throw new AppError('bad_input', 'periodReversed', { start: input.periodStart ?? '', end: input.periodEnd ?? '' });
  const parts = catalogsOf(ctx, input.from);
  const first = parts[0];
  if (!first) throw new AppError('not_found', 'assessmentNotFound', { id: input.from });
  const targetFirst =
    input.version && input.version !== first.version
      ? resolveCatalogRef(ctx, `${first.catalogId}@${input.version}`)
      : first.catalogRow;
  const diff =
    targetFirst !== first.catalogRow
      ? diffCatalogVersions(ctx, first.catalogId, first.version, input.version as string)
      : null;
  const plan = diff
    ? { ...planCarryForward(diff, first.version, catalogMeta(ctx, targetFirst)), removed: diff.removed }
    : null;
  const targetRowOf = new Map(parts.map((p) => [p.catalogId, p.position === 0 ? targetFirst : p.catalogRow]));
  const at = isoNow(ctx);
  const actor = actorOf(ctx);

  return ctx.db
    .transaction((): AssessmentSummary => {
      const created = createAssessment(ctx, {
        name: input.name,
        catalog: targetFirst,
        additionalCatalogs: parts.slice(1).map((p) => ({ catalog: p.catalogRow, profile: p.profile })),
        ...(src.org_name ? { organization: src.org_name } : {}),
        scope: src.scope,
        assessors: src.assessors,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        profile: first.profile,
      });
      const id = created.id;
      if (carry) ctx.db.prepare('UPDATE assessments SET carried_from = ? WHERE id = ?').run(input.from, id);
      const rowOf = ctx.db.prepare(
        'SELECT id, title_ja, title_en FROM controls WHERE catalog_row = ? AND control_id = ? AND withdrawn = 0',
      );
      const scaleOf = new Map(
        parts.map((p) => {
          const meta = catalogMeta(ctx, targetRowOf.get(p.catalogId) as number);
          return [p.catalogId, { scale: meta.answer_scale, customizedApproach: meta.customized_approach }];
        }),
      );
      const catalogOfKey = (key: string) => {
        const i = key.indexOf(':');
        return i < 0 ? first.catalogId : key.slice(0, i);
      };
      const report: CarryForwardReport = {
        from: { id: input.from, name: src.name },
        at,
        actor,
        catalogs: parts.map((p) => ({
          from: `${p.catalogId}@${p.version}`,
          to: p.position === 0 && input.version ? `${p.catalogId}@${input.version}` : `${p.catalogId}@${p.version}`,
        })),
        carried: [],
        textChanged: [],
        notCarried: [],
        evidence: 0,
      };
      const newRowOfKey = new Map<string, number>();
      for (const a of answersOf(ctx.db, input.from)) {
        const catalogId = catalogOfKey(a.controlKey);
        const target = rowOf.get(targetRowOf.get(catalogId), a.controlId) as
          { id: number; title_ja: string; title_en: string } | undefined;
        const decision = carryDecision(a.controlId, catalogId === first.catalogId ? plan : null, target !== undefined);
        const fields: AnswerFields = carry ? { ...answerFieldsOf(a), carriedForward: true } : answerFieldsOf(a);
        const rules = scaleOf.get(catalogId);
        const broken = rules && target ? checkAnswer(rules.scale, fields, 'ja', rules) : null;
        const previous = {
          value: a.value,
          comment: a.comment,
          justification: a.justification,
          updatedBy: a.updatedBy,
          updatedAt: a.updatedAt,
        };
        if (!target || decision === 'textChanged' || decision === 'removed' || broken) {
          report.notCarried.push({
            controlKey: a.controlKey,
            reason: broken && decision !== 'textChanged' ? 'rule' : decision === 'removed' ? 'removed' : 'textChanged',
            title: target ? { ja: target.title_ja, en: target.title_en } : null,
            previous,
          });
          continue;
        }
        upsertAnswer(ctx.db, { assessmentId: id, controlRow: target.id, at, actor }, fields);
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'answer.set',
          assessmentId: id,
          entity: 'answer',
          entityId: a.controlKey,
          oldValue: null,
          newValue: { ...fields, [carry ? 'carriedFrom' : 'copiedFrom']: input.from },
          appVersion: ctx.appVersion,
        });
        newRowOfKey.set(a.controlKey, target.id);
        report.carried.push(a.controlKey);
        if (decision === 'carryTextChanged') report.textChanged.push(a.controlKey);
      }
      // Evidence: each file once more under a new ID (the bytes are shared by their SHA-256), its first date kept.
      const firstAdded = ctx.db.prepare('SELECT first_added_at, valid_until FROM evidence WHERE id = ?');
      const linkRow = (key: string): number | undefined => {
        if (newRowOfKey.has(key)) return newRowOfKey.get(key);
        const catalogId = catalogOfKey(key);
        const controlId = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
        if (
          catalogId === first.catalogId &&
          carryDecision(controlId, plan, true) !== 'carry' &&
          carryDecision(controlId, plan, true) !== 'carryTextChanged'
        )
          return undefined;
        return (rowOf.get(targetRowOf.get(catalogId), controlId) as { id: number } | undefined)?.id;
      };
      for (const e of listEvidence(ctx, input.from)) {
        const old = firstAdded.get(e.id) as { first_added_at: string | null; valid_until: string | null };
        const evidenceId = randomUUID();
        ctx.db
          .prepare(
            'INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at, valid_until, first_added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(evidenceId, id, e.sha256, e.fileName, actor, at, old.valid_until, old.first_added_at ?? e.addedAt);
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'evidence.add',
          assessmentId: id,
          entity: 'evidence-file',
          entityId: evidenceId,
          oldValue: undefined,
          newValue: {
            fileName: e.fileName,
            sha256: e.sha256,
            size: e.size,
            mediaType: e.mediaType,
            [carry ? 'carriedFrom' : 'copiedFrom']: e.id,
            firstAddedAt: old.first_added_at ?? e.addedAt,
            ...(old.valid_until ? { validUntil: old.valid_until } : {}),
          },
          appVersion: ctx.appVersion,
        });
        report.evidence++;
        for (const key of e.controlKeys) {
          const row = linkRow(key);
          if (row === undefined) continue;
          ctx.db
            .prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, control_row) VALUES (?, ?)')
            .run(evidenceId, row);
          appendAudit(ctx.db, {
            at,
            actor,
            action: 'evidence.link',
            assessmentId: id,
            entity: 'evidence',
            entityId: key,
            oldValue: undefined,
            newValue: { evidenceId, fileName: e.fileName, sha256: e.sha256 },
            appVersion: ctx.appVersion,
          });
        }
      }
      if (carry)
        ctx.db
          .prepare(
            'INSERT INTO assessment_carry_forwards (assessment_id, source_id, at, actor, report) VALUES (?, ?, ?, ?, ?)',
          )
          .run(id, input.from, at, actor, JSON.stringify(report));
      const summary = {
        carried: report.carried.length,
        textChanged: report.textChanged,
        notCarried: report.notCarried.map((n) => ({ controlKey: n.controlKey, reason: n.reason })),
        evidence: report.evidence,
      };
      appendAudit(ctx.db, {
        at,
        actor,
        action: carry ? 'assessment.carryForward' : 'assessment.duplicate',
        assessmentId: id,
        entity: 'assessment',
        entityId: id,
        oldValue: { from: input.from, name: src.name, catalogs: report.catalogs.map((c) => c.from) },
        newValue: { catalogs: report.catalogs.map((c) => c.to), ...summary },
        appVersion: ctx.appVersion,
      });
      appendAudit(ctx.db, {
        at,
        actor,
        action: carry ? 'assessment.carriedForward' : 'assessment.duplicated',
        assessmentId: input.from,
        entity: 'assessment',
        entityId: input.from,
        oldValue: undefined,
        newValue: {
          to: id,
          name: input.name,
          periodStart: input.periodStart ?? null,
          periodEnd: input.periodEnd ?? null,
          ...summary,
        },
        appVersion: ctx.appVersion,
      });
      return getAssessmentSummary(ctx, id);
    })
    .immediate();
}

/** What the carry forward that made this assessment did, or null for one not made by carrying forward. */
export function carryForwardReport(ctx: ServiceContext, assessmentId: string): CarryForwardReport | null {
  const r = ctx.db.prepare('SELECT report FROM assessment_carry_forwards WHERE assessment_id = ?').get(assessmentId) as
    { report: string } | undefined;
  return r ? (JSON.parse(r.report) as CarryForwardReport) : null;
}
