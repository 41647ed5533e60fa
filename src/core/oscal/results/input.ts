import { answerFieldsOf } from '../../assessment/answer-fields';
import { splitControlKey } from '../../assessment/control-key';
import { controlResults, type ControlResult } from '../../report/control-results';
import type { OscalInput, OscalPart } from './results';
import type { AssessmentPartRecord, EvidenceRecord } from '../../assessment/records';

/**
 * What the OSCAL assessment-results and POA&M documents need, from every catalog of an assessment: unlike the PDF
 * (one report per catalog), one OSCAL document carries the whole assessment, each catalog a reviewed-controls part.
 */
export function oscalInputOf(args: {
  parts: readonly AssessmentPartRecord[];
  /** Each part's control results when already made (the report snapshot's); else made here. */
  results?: readonly (readonly ControlResult[])[] | undefined;
  /** The report snapshots the document is made from (recorded as props of the result). */
  snapshots?: readonly { catalogId: string; id: string; sha256: string }[] | undefined;
  sourceUrls: ReadonlyMap<string, string | null>;
  evidence: readonly EvidenceRecord[];
  audit: { head: string | null; ok: boolean; entries: number };
  generatedAt: string;
  appVersion: string;
  lang: 'ja' | 'en';
}): OscalInput {
  const first = args.parts[0];
  if (!first) throw new Error('an assessment has at least one catalog');
  const parts = args.parts.map((d, i): OscalPart => ({
    catalogId: d.catalog.catalogId,
    version: d.catalog.version,
    title: d.catalog.title,
    sourceUrl: args.sourceUrls.get(d.catalog.catalogId) ?? null,
    profile: d.profile,
    answers: (args.results?.[i] ?? controlResults(d, args.evidence)).map((r) => ({
      controlId: r.controlId,
      title: r.control.title,
      valueLabel: r.scaleEntry ? r.scaleEntry.label[args.lang] || r.scaleEntry.label.ja : r.value,
      ...answerFieldsOf(r),
      meaning: r.meaning,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
      revision: r.revision,
      evidenceSha256: r.evidence.map((e) => e.sha256),
    })),
  }));
  return {
    assessment: {
      id: first.id,
      name: first.name,
      organization: first.organization?.name ?? null,
      scope: first.scope,
      assessors: first.assessors,
      periodStart: first.periodStart,
      periodEnd: first.periodEnd,
      status: first.status,
      createdAt: first.createdAt,
      updatedAt: first.updatedAt,
    },
    parts,
    evidence: args.evidence.map((e) => ({
      fileName: e.fileName,
      sha256: e.sha256,
      size: e.size,
      mediaType: e.mediaType,
      addedBy: e.addedBy,
      addedAt: e.addedAt,
      controls: e.controlKeys.map((key) => splitControlKey(key, first.catalog.catalogId)),
    })),
    audit: args.audit,
    snapshots: args.snapshots ? [...args.snapshots] : [],
    generatedAt: args.generatedAt,
    appVersion: args.appVersion,
    lang: args.lang,
  };
}
