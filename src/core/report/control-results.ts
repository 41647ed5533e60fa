import { answerFieldsOf, type AnswerFields } from '../assessment/answer-fields';
import type { AssessmentPartRecord, ControlRecord, EvidenceRecord } from '../assessment/records';
import type { AnswerMeaning, AnswerValue } from '../catalog/format';

/**
 * One control's result as every report format records it: the PDF/XLSX/CSV rows, the results JSON and the OSCAL
 * observations are all made from this one record, so they cannot disagree about a control.
 *
 * Which controls: assessable controls that apply under the catalog's profile (the same set progress counts), in
 * catalog order. Evidence: the files linked to the control's key.
 */
export type ControlResult = AnswerFields & {
  control: ControlRecord;
  controlId: string;
  controlKey: string;
  /** The scale entry of the value (undefined when unanswered or the value is not on the scale). */
  scaleEntry: AnswerValue | undefined;
  meaning: AnswerMeaning | null;
  updatedAt: string | null;
  updatedBy: string | null;
  revision: number;
  evidence: EvidenceRecord[];
};

export function controlResults(part: AssessmentPartRecord, evidence: readonly EvidenceRecord[]): ControlResult[] {
  const scale = new Map(part.answerScale.map((s) => [s.value, s]));
  const answers = new Map(part.answers.map((a) => [a.controlId, a]));
  const filesOf = new Map<string, EvidenceRecord[]>();
  for (const e of evidence) for (const key of e.controlKeys) filesOf.set(key, [...(filesOf.get(key) ?? []), e]);
  return part.controls
    .filter((c) => c.assessable && c.applicable)
    .map((c): ControlResult => {
      const a = answers.get(c.controlId);
      const fields = answerFieldsOf(a);
      const scaleEntry = fields.value === null ? undefined : scale.get(fields.value);
      const controlKey = part.keyPrefix + c.controlId;
      return {
        ...fields,
        control: c,
        controlId: c.controlId,
        controlKey,
        scaleEntry,
        meaning: fields.value === null ? null : (scaleEntry?.meaning ?? 'unknown'),
        updatedAt: a?.updatedAt ?? null,
        updatedBy: a?.updatedBy ?? null,
        revision: a?.revision ?? 0,
        evidence: filesOf.get(controlKey) ?? [],
      };
    });
}

/** The IDs in this catalog of the controls a file backs (a report is about one catalog; other catalogs' keys drop out). */
export function evidenceControlIds(part: Pick<AssessmentPartRecord, 'keyPrefix'>, e: EvidenceRecord): string[] {
  return e.controlKeys.map((key) => idInCatalog(part.keyPrefix, key)).filter((id): id is string => id !== null);
}

function idInCatalog(prefix: string, key: string): string | null {
  if (prefix === '') return key.includes(':') ? null : key;
  return key.startsWith(prefix) ? key.slice(prefix.length) : null;
}
