import { answerFieldsOf } from '../assessment/answer-fields';
import { controlResults, evidenceControlIds } from './control-results';
import { scoreOf, type ReportInput } from './model';
import { canonicalJson } from '../util/canonical-json';
import { isReleased } from '../assessment/signoff';

/**
 * The machine-readable results, schema id `tenken-results/1`: attached to the PDF (tenken-results.json, its SHA-256
 * printed on the cover) and exported alone as the `json` format. Canonical JSON (keys sorted, no whitespace), so
 * the same data always gives the same bytes and hash.
 *
 * Contents: the assessment (id, name, organization, scope, assessors, period, overall comment 総評, status, profile,
 * dates); the catalog
 * reference (id, version, title); the score; one answer per assessable control in scope, in catalog order (value null
 * when unanswered), with its meaning, comment, justification, owner, due date, remediation, review mark, who
 * answered and when, and the SHA-256 of its evidence; the evidence manifest; the history chain's head; the report
 * number and the sign-off (prepared / reviewed / approved, and whether final and approved) when given.
 */

export const RESULTS_SCHEMA = 'tenken-results/1';
export const RESULTS_FILE_NAME = 'tenken-results.json';

export type ResultsInput = Pick<
  ReportInput,
  | 'detail'
  | 'evidence'
  | 'audit'
  | 'generatedAt'
  | 'appVersion'
  | 'results'
  | 'score'
  | 'signoff'
  | 'reportNumber'
  | 'snapshot'
>;

export function resultsDocument(input: ResultsInput): Record<string, unknown> {
  const d = input.detail;
  const score = input.score ?? scoreOf(d);
  const results = input.results ?? controlResults(d, input.evidence);
  return {
    schema: RESULTS_SCHEMA,
    // The snapshot this file was made from (snapshot.ts): its hash is this document's without this field.
    ...(input.snapshot ? { snapshot: { id: input.snapshot.id, sha256: input.snapshot.sha256 } } : {}),
    generatedAt: input.generatedAt,
    generator: { name: 'tenken', version: input.appVersion },
    assessment: {
      id: d.id,
      name: d.name,
      organization: d.organization?.name ?? null,
      scope: d.scope,
      assessors: d.assessors,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      overallComment: d.overallComment ?? '',
      status: d.status,
      profile: d.profile,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      catalogs: d.catalogs.map((c) => ({ catalogId: c.catalogId, version: c.version })),
    },
    catalog: { catalogId: d.catalog.catalogId, version: d.catalog.version, title: d.catalog.title },
    score: {
      method: score.method,
      score: score.overall.score,
      ratio: score.overall.ratio,
      total: score.overall.total,
      answered: score.overall.answered,
      byValue: score.overall.byValue,
      band: score.overall.band?.label ?? null,
    },
    // Every editable field of the answer (answer-fields.ts), with its meaning, who/when and the evidence hashes.
    answers: results.map((r) => ({
      controlId: r.controlId,
      ...answerFieldsOf(r),
      meaning: r.meaning,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
      revision: r.revision,
      evidenceSha256: r.evidence.map((e) => e.sha256),
    })),
    evidence: input.evidence.map((e) => ({
      fileName: e.fileName,
      sha256: e.sha256,
      size: e.size,
      mediaType: e.mediaType,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      controlIds: evidenceControlIds(d, e),
    })),
    audit: {
      entries: input.audit.entries,
      assessmentEntries: input.audit.assessmentEntries ?? null,
      head: input.audit.head,
      ok: input.audit.ok,
    },
    // The report number issued for this export (null: none issued) and the sign-off, when the caller knows them.
    ...(input.reportNumber !== undefined ? { reportNumber: input.reportNumber } : {}),
    ...(input.signoff ? { signoff: input.signoff, released: isReleased(d.status, input.signoff) } : {}),
  };
}

/** The results as canonical JSON text: the same data always gives the same text (and so the same hash). */
export const resultsText = (input: ResultsInput): string => canonicalJson(resultsDocument(input));
