import { splitControlKey } from '../../assessment/control-key';
import type { OscalInput, OscalPart } from './results';
import type { AssessmentPartRecord, EvidenceRecord } from '../../assessment/records';

/**
 * What the OSCAL assessment-results and POA&M documents need, from every catalog of an assessment: unlike the PDF
 * (one report per catalog), one OSCAL document carries the whole assessment, each catalog a reviewed-controls part.
 */
export function oscalInputOf(args: {
  parts: readonly AssessmentPartRecord[];
  sourceUrls: ReadonlyMap<string, string | null>;
  evidence: readonly EvidenceRecord[];
  audit: { head: string | null; ok: boolean; entries: number };
  generatedAt: string;
  appVersion: string;
  lang: 'ja' | 'en';
}): OscalInput {
  const first = args.parts[0];
  if (!first) throw new Error('an assessment has at least one catalog');
  const evidenceOf = new Map<string, string[]>();
  for (const e of args.evidence) for (const key of e.controlKeys) evidenceOf.set(key, [...(evidenceOf.get(key) ?? []), e.sha256]);
  const parts = args.parts.map((d): OscalPart => {
    const scale = new Map(d.answerScale.map((s) => [s.value, s]));
    const answers = new Map(d.answers.map((a) => [a.controlId, a]));
    return {
      catalogId: d.catalog.catalogId, version: d.catalog.version, title: d.catalog.title, sourceUrl: args.sourceUrls.get(d.catalog.catalogId) ?? null, profile: d.profile,
      answers: d.controls.filter((c) => c.assessable && c.applicable).map((c) => {
        const a = answers.get(c.controlId);
        const value = a?.value ?? null;
        const s = value === null ? undefined : scale.get(value);
        return {
          controlId: c.controlId, title: c.title, value, valueLabel: s ? s.label[args.lang] || s.label.ja : value,
          meaning: value === null ? null : (s?.meaning ?? 'unknown'),
          comment: a?.comment ?? '', justification: a?.justification ?? '', owner: a?.owner ?? '', dueDate: a?.dueDate ?? null, remediation: a?.remediation ?? '',
          markedForReview: a?.markedForReview ?? false, updatedAt: a?.updatedAt ?? null, updatedBy: a?.updatedBy ?? null, revision: a?.revision ?? 0,
          evidenceSha256: evidenceOf.get(d.keyPrefix + c.controlId) ?? [],
        };
      }),
    };
  });
  return {
    assessment: {
      id: first.id, name: first.name, organization: first.organization?.name ?? null, scope: first.scope, assessors: first.assessors,
      periodStart: first.periodStart, periodEnd: first.periodEnd, status: first.status, createdAt: first.createdAt, updatedAt: first.updatedAt,
    },
    parts,
    evidence: args.evidence.map((e) => ({
      fileName: e.fileName, sha256: e.sha256, size: e.size, mediaType: e.mediaType, addedBy: e.addedBy, addedAt: e.addedAt,
      controls: e.controlKeys.map((key) => splitControlKey(key, first.catalog.catalogId)),
    })),
    audit: args.audit,
    generatedAt: args.generatedAt,
    appVersion: args.appVersion,
    lang: args.lang,
  };
}
