import type { AssessmentPartRecord, Localized } from '../assessment/records';
import { en } from '../wording/en';
import { ja, type Wording } from '../wording/ja';
import { zonedTime } from '../util/zoned-time';
import type { ControlResult } from './control-results';
import { formatDate, type DateStyle } from './dates';
import { fillLabel, type ReportLanguage } from './labels';
import { CCW_FIELDS } from '../assessment/answer-rules';

/**
 * The PCI DSS attestation-style summary page, as data (pure): who was assessed, the scope, the kind of assessment
 * (the SAQ the assessment's profile names, or all requirements), the dates, the result per principal requirement
 * (1–12, then Appendix A1–A3 when in scope), the items met with a compensating control (CCW) or the customized
 * approach, and a signatory block. Tenken's own layout and words (wording: pciSummary in src/core/wording), not the
 * PCI SSC AOC form.
 *
 * Only for PCI DSS catalogs (catalog id `pci-dss`, any version). Counts come from the one snapshot of control
 * results the other sections use, so this page cannot disagree with the results table.
 */

export type PciWording = Wording['pciSummary'];
export const PCI_WORDING: Readonly<Record<ReportLanguage, PciWording>> = { ja: ja.pciSummary, en: en.pciSummary };

export type PciRequirementResult = 'inPlace' | 'notInPlace' | 'notApplicable' | 'notTested' | 'open' | 'outOfScope';
export type PciOverall = 'inPlace' | 'notInPlace' | 'notTested' | 'open' | 'empty';

export type PciRequirementRow = {
  controlId: string;
  title: string;
  total: number;
  inPlace: number;
  /** Of `inPlace`, met with a compensating control (an `…_ccw` value of the scale). */
  ccw: number;
  notInPlace: number;
  notApplicable: number;
  notTested: number;
  unanswered: number;
  result: PciRequirementResult;
  resultLabel: string;
};

export type PciItem = { controlId: string; title: string; answer: string; justification: string; missing: boolean };
/** One compensating-control worksheet as printed: the item, then its six fields in worksheet order. */
export type PciWorksheet = PciItem & { fields: { label: string; value: string; empty: boolean }[] };

export type PciAttestation = {
  wording: PciWording;
  fields: { label: string; value: string }[];
  overall: PciOverall;
  overallLabel: string;
  requirements: PciRequirementRow[];
  compensating: PciItem[];
  /** The worksheet of each item in `compensating`, in the same order. */
  worksheets: PciWorksheet[];
  /** null when the catalog does not offer the customized approach (PCI DSS v3.2.1). */
  customized: PciItem[] | null;
  /** Filled when the assessment records who signs; otherwise blank lines to sign on paper. */
  signatory: { name: string; title: string; date: string } | null;
};

export const isPciCatalog = (catalogId: string): boolean => catalogId === 'pci-dss';

/**
 * Met with a compensating control: the scale value carries the CCW (`worksheet: ccw`), or — a PCI DSS catalog
 * imported from before that marker existed — its value is named `…_ccw` as the shipped ones are.
 */
const isCcw = (r: ControlResult): boolean => r.scaleEntry?.worksheet === 'ccw' || /_ccw$/.test(r.value ?? '');

/** Principal requirements 1–12 and Appendix A1–A3, as the catalogs number them. */
const PRINCIPAL = /^(?:[1-9]|1[0-2]|A[1-3])$/;

const RESULT_LABEL: Record<PciRequirementResult, keyof PciWording> = {
  inPlace: 'resultInPlace',
  notInPlace: 'resultNotInPlace',
  notApplicable: 'resultNotApplicable',
  notTested: 'resultNotTested',
  open: 'resultOpen',
  outOfScope: 'resultOutOfScope',
};
const OVERALL_LABEL: Record<PciOverall, keyof PciWording> = {
  inPlace: 'overallInPlace',
  notInPlace: 'overallNotInPlace',
  notTested: 'overallNotTested',
  open: 'overallOpen',
  empty: 'overallEmpty',
};

/** The rule printed on the page (wording `rule`), in code. */
export function requirementResult(r: Omit<PciRequirementRow, 'result' | 'resultLabel' | 'controlId' | 'title'>) {
  if (r.total === 0) return 'outOfScope';
  if (r.notInPlace > 0) return 'notInPlace';
  if (r.unanswered > 0) return 'open';
  if (r.notApplicable === r.total) return 'notApplicable';
  if (r.notTested > 0) return 'notTested';
  return 'inPlace';
}

function overallOf(rows: readonly PciRequirementRow[]): PciOverall {
  const inScope = rows.filter((r) => r.result !== 'outOfScope');
  if (inScope.length === 0) return 'empty';
  if (inScope.some((r) => r.result === 'notInPlace')) return 'notInPlace';
  if (inScope.some((r) => r.result === 'open')) return 'open';
  if (inScope.some((r) => r.result === 'notTested')) return 'notTested';
  return 'inPlace';
}

export type PciAttestationInput = {
  detail: AssessmentPartRecord;
  results: readonly ControlResult[];
  lang: ReportLanguage;
  dateStyle: DateStyle;
  generatedAt: string;
  timeZone: string;
  /** Whether the catalog offers the customized approach (catalog field `customized_approach`). */
  customizedApproach: boolean;
  /** The assessment's status as the cover prints it (下書き, Final…). */
  statusLabel: string;
  signatory?: { name: string; title: string; date: string } | null | undefined;
};

export function pciAttestation(input: PciAttestationInput): PciAttestation {
  const { detail, lang } = input;
  const W = PCI_WORDING[lang];
  const loc = (t: Localized) => t[lang] || t.ja || t.en;
  const answerOf = (r: ControlResult) => (r.scaleEntry ? loc(r.scaleEntry.label) : (r.value ?? ''));

  // Each control's principal requirement: the nearest ancestor (or itself) numbered 1–12 or A1–A3.
  const parent = new Map(detail.controls.map((c) => [c.controlId, c.parentId]));
  const principalOf = (id: string): string | null => {
    for (let cur: string | null = id, n = 0; cur !== null && n <= detail.controls.length; n++) {
      if (PRINCIPAL.test(cur)) return cur;
      cur = parent.get(cur) ?? null;
    }
    return null;
  };
  const byRequirement = new Map<string, ControlResult[]>();
  for (const r of input.results) {
    const p = principalOf(r.controlId);
    if (p !== null) byRequirement.set(p, [...(byRequirement.get(p) ?? []), r]);
  }
  const requirements = detail.controls
    .filter((c) => PRINCIPAL.test(c.controlId))
    .map((c): PciRequirementRow => {
      const rs = byRequirement.get(c.controlId) ?? [];
      const count = (f: (r: ControlResult) => boolean) => rs.filter(f).length;
      const figures = {
        total: rs.length,
        inPlace: count((r) => r.meaning === 'compliant'),
        ccw: count((r) => r.meaning === 'compliant' && isCcw(r)),
        notInPlace: count((r) => r.meaning === 'noncompliant' || r.meaning === 'partial' || r.meaning === 'unknown'),
        notApplicable: count((r) => r.meaning === 'not_applicable'),
        notTested: count((r) => r.meaning === 'not_tested'),
        unanswered: count((r) => r.value === null),
      };
      const result = requirementResult(figures);
      return { controlId: c.controlId, title: loc(c.title), ...figures, result, resultLabel: W[RESULT_LABEL[result]] };
    })
    // Appendix A rows only when the assessment has items under them; 1–12 always (out of scope is a result too).
    .filter((r) => !r.controlId.startsWith('A') || r.total > 0);

  const item = (r: ControlResult): PciItem => ({
    controlId: r.controlId,
    title: loc(r.control.title),
    answer: answerOf(r),
    justification: r.justification.trim() || W.missingJustification,
    missing: !r.justification.trim(),
  });
  const compensating = input.results.filter((r) => r.meaning === 'compliant' && isCcw(r));
  const worksheet = (r: ControlResult): PciWorksheet => ({
    ...item(r),
    fields: CCW_FIELDS.map((k) => ({
      label: W[k],
      value: r[k].trim() || W.worksheetEmpty,
      empty: r[k].trim() === '',
    })),
  });
  const customized = input.customizedApproach ? input.results.filter((r) => r.customizedApproach).map(item) : null;

  const style = input.dateStyle;
  const profile = detail.profile ? detail.profiles.find((p) => p.id === detail.profile) : undefined;
  const kind = detail.profile
    ? fillLabel(W.saqType, { label: profile ? loc(profile.label) : detail.profile, id: detail.profile })
    : W.fullAssessment;
  const none = '\u2014';
  const period =
    detail.periodStart || detail.periodEnd
      ? `${detail.periodStart ? formatDate(detail.periodStart, style) : ''} \u2013 ${detail.periodEnd ? formatDate(detail.periodEnd, style) : ''}`.trim()
      : none;
  const day = zonedTime(input.generatedAt, input.timeZone)?.date ?? input.generatedAt.slice(0, 10);
  const overall = overallOf(requirements);
  return {
    wording: W,
    fields: [
      { label: W.entity, value: detail.organization?.name?.trim() || none },
      { label: W.scope, value: detail.scope.trim() || none },
      { label: W.assessmentType, value: kind },
      { label: W.period, value: period },
      { label: W.reportDate, value: formatDate(day, style) },
      { label: W.status, value: input.statusLabel },
    ],
    overall,
    overallLabel: W[OVERALL_LABEL[overall]],
    requirements,
    compensating: compensating.map(item),
    worksheets: compensating.map(worksheet),
    customized,
    signatory: input.signatory ?? null,
  };
}
