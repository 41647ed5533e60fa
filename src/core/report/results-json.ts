import { scoreAssessment, defaultScoring } from '../assessment/scoring';
import type { ReportInput } from './model';
import { canonicalJson } from '../util/canonical-json';

/**
 * The machine-readable results, schema id `tenken-results/1`: attached to the PDF (tenken-results.json, its SHA-256
 * printed on the cover) and exported alone as the `json` format. Canonical JSON (keys sorted, no whitespace), so
 * the same data always gives the same bytes and hash.
 *
 * Contents: the assessment (id, name, organization, scope, assessors, period, status, profile, dates); the catalog
 * reference (id, version, title); the score; one answer per assessable control in scope, in catalog order (value null
 * when unanswered), with its meaning, comment, justification, owner, due date, remediation, review mark, who
 * answered and when, and the SHA-256 of its evidence; the evidence manifest; the history chain's head.
 */

export const RESULTS_SCHEMA = 'tenken-results/1';
export const RESULTS_FILE_NAME = 'tenken-results.json';

export type ResultsInput = Pick<ReportInput, 'detail' | 'evidence' | 'audit' | 'generatedAt' | 'appVersion'>;

export function resultsDocument(input: ResultsInput): Record<string, unknown> {
  const d = input.detail;
  const scale = new Map(d.answerScale.map((s) => [s.value, s]));
  const answers = new Map(d.answers.map((a) => [a.controlId, a]));
  const evidenceOf = new Map<string, string[]>();
  for (const e of input.evidence) for (const id of e.controlKeys) evidenceOf.set(id, [...(evidenceOf.get(id) ?? []), e.sha256]);
  const score = scoreAssessment({
    controls: d.controls.map((c) => ({ ...c, assessable: c.assessable && c.applicable })),
    answers: d.answers,
    scale: d.answerScale,
    scoring: d.scoring ?? defaultScoring(d.answerScale),
  });
  return {
    schema: RESULTS_SCHEMA,
    generatedAt: input.generatedAt,
    generator: { name: 'tenken', version: input.appVersion },
    assessment: {
      id: d.id, name: d.name, organization: d.organization?.name ?? null, scope: d.scope, assessors: d.assessors,
      periodStart: d.periodStart, periodEnd: d.periodEnd, status: d.status, profile: d.profile, createdAt: d.createdAt, updatedAt: d.updatedAt,
      catalogs: d.catalogs.map((c) => ({ catalogId: c.catalogId, version: c.version })),
    },
    catalog: { catalogId: d.catalog.catalogId, version: d.catalog.version, title: d.catalog.title },
    score: {
      method: score.method, score: score.overall.score, ratio: score.overall.ratio, total: score.overall.total, answered: score.overall.answered,
      byValue: score.overall.byValue, band: score.overall.band?.label ?? null,
    },
    answers: d.controls.filter((c) => c.assessable && c.applicable).map((c) => {
      const a = answers.get(c.controlId);
      const value = a?.value ?? null;
      return {
        controlId: c.controlId,
        value,
        meaning: value === null ? null : (scale.get(value)?.meaning ?? 'unknown'),
        comment: a?.comment ?? '',
        justification: a?.justification ?? '',
        owner: a?.owner ?? '',
        dueDate: a?.dueDate ?? null,
        remediation: a?.remediation ?? '',
        markedForReview: a?.markedForReview ?? false,
        updatedAt: a?.updatedAt ?? null,
        updatedBy: a?.updatedBy ?? null,
        revision: a?.revision ?? 0,
        evidenceSha256: evidenceOf.get(c.controlId) ?? [],
      };
    }),
    evidence: input.evidence.map((e) => ({ fileName: e.fileName, sha256: e.sha256, size: e.size, mediaType: e.mediaType, addedBy: e.addedBy, addedAt: e.addedAt, controlIds: e.controlKeys })),
    audit: { entries: input.audit.entries, assessmentEntries: input.audit.assessmentEntries ?? null, head: input.audit.head, ok: input.audit.ok },
  };
}

/** The results as canonical JSON text: the same data always gives the same text (and so the same hash). */
export const resultsText = (input: ResultsInput): string => canonicalJson(resultsDocument(input));
