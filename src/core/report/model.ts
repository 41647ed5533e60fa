import { fitText } from '../util/fit-text';
import { zonedTime, zoneSuffix } from '../util/zoned-time';
import { noteInLanguage } from '../util/bilingual-note';
import { formatDate, type DateStyle } from './dates';
import { radarChart, type RadarGeometry } from '../assessment/radar';
import {
  defaultScoring,
  scoreAssessment,
  type AssessmentScore,
  type ScoreFigures,
  type ScoringMethod,
} from '../assessment/scoring';
import type { AnswerMeaning } from '../catalog/format';
import type { AssessmentPartRecord, AssessmentStatus, EvidenceRecord, Localized } from '../assessment/records';
import { fillLabel, REPORT_LABELS, type ReportLabels, type ReportLanguage } from './labels';
import { controlResults, evidenceControlIds, type ControlResult } from './control-results';
import type { Signoff } from '../assessment/signoff';
import { withSignoff, type ReportSignoff } from './signoff-section';
import { schemeSummaryOf, type SchemeSummary } from './scheme-summary';
import { snapshotFields, type SnapshotRef } from './snapshot-ref';
import { CCW_FIELDS, isFindingMeaning, type CcwField } from '../assessment/answer-rules';
import type { AnswerFields } from '../assessment/answer-fields';

/**
 * The report as data: every text the PDF, XLSX and CSV outputs show, already chosen in the report language and
 * formatted, but still plain strings (escaping is each renderer's job). Pure: no Node, no DOM.
 *
 * Which controls are in the report: assessable controls that apply under the assessment's profile (the same set
 * the progress counts). Findings are partial and noncompliant answers, highest severity first (not set last), then
 * earliest due date (no due date last), then catalog order. Exclusions are answers meaning not_applicable or not_tested.
 */

export type ReportCatalogInput = {
  title: Localized;
  version: string;
  publisher: Localized;
  published: string;
  sourceUrl: string | null;
  licenceNote: Localized;
  textKind: string;
  unverified?: readonly string[] | undefined;
};

/** Sections a report can leave out; the cover and the catalog's source and licence are always printed. */
export const REPORT_SECTIONS = ['summary', 'results', 'findings', 'exclusions', 'evidence', 'audit'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export type ReportInput = {
  detail: AssessmentPartRecord;
  evidence: readonly EvidenceRecord[];
  /** The workspace's history chain; `assessmentEntries` counts the entries of this assessment when known. */
  audit: { entries: number; head: string | null; ok: boolean; assessmentEntries?: number | null | undefined };
  catalog: ReportCatalogInput;
  lang: ReportLanguage;
  /** Classification shown on the cover and on every page (e.g. 社外秘); empty → the language's default. */
  marking: string;
  generatedAt: string;
  appVersion: string;
  /** SHA-256 of the machine-readable results attached to the PDF, printed on the cover. */
  resultsSha256?: string | null | undefined;
  /** How dates are written (default ISO). */
  dateStyle?: DateStyle | undefined;
  /** IANA time zone the times are printed in (the user's setting; default UTC). Calendar dates stay as they are. */
  timeZone?: string | undefined;
  /** Sections to print (default all); the machine-readable results attached to the PDF stay complete. */
  sections?: readonly ReportSection[] | undefined;
  /** The per-control results and the score when already made (one snapshot behind every format); else made here. */
  results?: readonly ControlResult[] | undefined;
  score?: AssessmentScore | undefined;
  /** Who prepared, reviewed and approved it (none recorded when absent): the sign-off page and the watermark. */
  signoff?: Signoff | undefined;
  /** The report number issued for this export (one sequence per assessment); null or absent: none issued. */
  reportNumber?: number | null | undefined;
  /** The frozen snapshot this report is made from (id and SHA-256, printed on the cover; see snapshot.ts). */
  snapshot?: SnapshotRef | undefined;
};

/** The catalog's score over the controls in scope (controls outside the profile are not assessable here). */
export function scoreOf(detail: AssessmentPartRecord): AssessmentScore {
  return scoreAssessment({
    controls: detail.controls.map((c) => ({ ...c, assessable: c.assessable && c.applicable })),
    answers: detail.answers,
    scale: detail.answerScale,
    scoring: detail.scoring ?? defaultScoring(detail.answerScale),
  });
}

/** `timestamp`: the value is a formatted time (printed with its time and zone on one line). */
export type KeyValue = { label: string; value: string; timestamp?: boolean | undefined };

export type ReportRow = {
  controlId: string;
  title: string;
  depth: number;
  value: string | null;
  answer: string;
  meaning: AnswerMeaning | null;
  comment: string;
  justification: string;
  owner: string;
  dueDate: string;
  remediation: string;
  markedForReview: boolean;
  customizedApproach: boolean;
  /** How serious the finding is, and its label in the report language ('' when not set). */
  severity: AnswerFields['severity'];
  severityLabel: string;
  /** The compensating-control worksheet's fields as written ('' where empty). */
  ccw: Record<CcwField, string>;
  evidence: string[];
};

/** `heading`: the ID and the title as printed (see controlHeading). */
export type ReportGroup = { controlId: string; title: string; heading: string; rows: ReportRow[] };

export type ReportFinding = {
  controlId: string;
  title: string;
  answer: string;
  meaning: AnswerMeaning;
  severity: AnswerFields['severity'];
  /** '' when not set. */
  severityLabel: string;
  owner: string;
  dueDate: string | null;
  remediation: string;
  comment: string;
};

export type ReportExclusion = {
  controlId: string;
  title: string;
  answer: string;
  justification: string;
  missing: boolean;
};

export type ReportEvidence = {
  fileName: string;
  size: number;
  sizeText: string;
  sha256: string;
  addedBy: string;
  addedAt: string;
  controlIds: string[];
};

export type ReportGroupFigure = {
  controlId: string;
  title: string;
  /** ID and title as printed (see controlHeading). */
  heading: string;
  shortLabel: string;
  total: number;
  answered: number;
  /** Counts per scale value, in scale order. */
  counts: number[];
  score: string;
  ratio: number | null;
};

export type ReportModel = {
  lang: ReportLanguage;
  /** The optional sections printed, in document order. */
  sections: ReportSection[];
  labels: ReportLabels;
  title: string;
  marking: string;
  /** For display, in the report's time zone (`YYYY-MM-DD HH:MM JST (+09:00)`). */
  generatedAt: string;
  /** As given (ISO 8601), for metadata. */
  generatedAtIso: string;
  appVersion: string;
  cover: {
    organization: string;
    assessmentName: string;
    assessmentId: string;
    scope: string;
    assessors: string;
    period: string;
    status: string;
    catalog: string;
    catalogVersion: string;
    publisher: string;
    sourceUrl: string;
    textKindNote: string;
    generatedAt: string;
    appVersion: string;
    resultsSha256: string | null;
    /** The cover's rows, in order, ready to print. */
    fields: KeyValue[];
  };
  summary: {
    method: ScoringMethod;
    score: string;
    band: string | null;
    provisional: boolean;
    rule: string;
    progress: string;
    total: number;
    answered: number;
    unanswered: number;
    /** One per scale value, then unanswered. */
    counts: { value: string | null; label: string; meaning: AnswerMeaning | null; count: number }[];
    /** Column headers of the group figures: one per scale value. */
    scaleLabels: string[];
    groups: ReportGroupFigure[];
    /** null with fewer than 3 groups (a radar needs 3 axes). */
    radar: RadarGeometry | null;
    /** 総評, the assessor's overall comment as written ('' when none). */
    overallComment: string;
  };
  groups: ReportGroup[];
  /** The catalog's scale has a value carrying the compensating-control worksheet (PCI DSS): its columns are printed. */
  hasWorksheet: boolean;
  /** The findings section's note, naming the catalog's own answers that make a finding. */
  findingsNote: string;
  findings: ReportFinding[];
  /** The exclusions section's note, naming the catalog's own answers that exclude a control. */
  exclusionsNote: string;
  exclusions: ReportExclusion[];
  evidence: ReportEvidence[];
  audit: {
    entries: number;
    assessmentEntries: number | null;
    head: string;
    ok: boolean;
    status: string;
    fields: KeyValue[];
  };
  /** `unverified`: the catalog's notes, each in the report language when written as a "日本語 / English" pair. */
  source: { fields: KeyValue[]; unverified: string[] };
  /** Sign-off page, report number, watermark (null when final and approved) and running header. */
  signoff: ReportSignoff;
  /** PCI DSS's attestation-style summary or ISMAP's statement of applicability; null for other catalogs. */
  scheme: SchemeSummary | null;
  /** The snapshot the report is made from (recorded in every format), when made from one. */
  snapshot: SnapshotRef | null;
};

const STATUS_KEY: Record<AssessmentStatus, keyof ReportLabels> = {
  draft: 'statusDraft',
  in_review: 'statusInReview',
  final: 'statusFinal',
};
const TEXT_KIND_KEY: Record<string, keyof ReportLabels> = {
  'own-summary': 'textKindOwnSummary',
  'own-guidance': 'textKindOwnGuidance',
  official: 'textKindOfficial',
  mixed: 'textKindMixed',
  user: 'textKindUser',
};

/**
 * ISO timestamp → date (in the report's style), time and zone where the reader is: `2026-12-03 20:05 JST (+09:00)`,
 * `2026-12-03 11:05 UTC` in UTC. The zone is part of the report's input (a setting), so the same data and zone print
 * the same text on every machine. A space separates the date from the time, and the time from the zone only; renderers
 * keep the time and zone together on one line (see the PDF's `Stamp`).
 */
export function formatTimestamp(iso: string, style: DateStyle = 'iso', timeZone = 'UTC'): string {
  const z = zonedTime(iso, timeZone);
  if (!z) return iso;
  return `${formatDate(z.date, style)} ${z.time} ${zoneSuffix(z)}`;
}

/** 12345 → "12,345" without Intl locale data (deterministic). */
export function groupDigits(n: number): string {
  const [int, frac] = String(n).split('.');
  return `${(int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

const oneDecimal = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

function scoreText(L: ReportLabels, method: ScoringMethod, f: ScoreFigures): string {
  if (f.score === null) return L.none;
  return fillLabel(method === 'points' ? L.points : L.percent, { value: oneDecimal(f.score) });
}

/**
 * Whether the title already starts with the control ID as a token of its own: the ID alone, or the ID followed by a
 * separator (space, full-width space, colon, '.', ')'). "A Additional requirements" and "A：…" carry the ID "A";
 * "Appendix A" does not (a plain prefix test would take the "A" of "Appendix" for it).
 */
export function titleCarriesId(controlId: string, title: string): boolean {
  if (!controlId || !title.startsWith(controlId)) return false;
  const next = title.charAt(controlId.length);
  return next === '' || [' ', '\u3000', ':', '\uff1a', '.', ')', '\uff09'].includes(next);
}

/**
 * Whether a control ID is only structure the catalog invented, not an ID of the standard, and so is not printed.
 *
 * Catalogs mark no such flag, so the rule is explicit and narrow: the ID is one lowercase word, a hyphen and a
 * number (`goal-1`, `part-2`), and the title already names that number on its own (「目標1：…」, "Goal 1: …",
 * "Part 2 …"). Such IDs are how Tenken's catalogs number groups the source does not number (PCI DSS's six goals,
 * the IPA sheet's three parts; both catalogs say so in their `unverified` notes), and printing "goal-1 目標1：…"
 * tells an auditor nothing the title does not. Real IDs of standards are digits, dotted numbers or capitals ("1",
 * "A1", "12.3.4", "S-1") and never match; nor does a lowercase ID whose number is not in its title.
 */
export function isStructuralId(controlId: string, title: string): boolean {
  const m = /^[a-z]+-(\d+)$/.exec(controlId);
  if (!m) return false;
  return new RegExp(`(^|[^0-9])${m[1]}([^0-9]|$)`).test(title);
}

/** How a group or control is named in headings, the outline and charts: the ID and the title, once each. */
export function controlHeading(controlId: string, title: string): string {
  if (isStructuralId(controlId, title) || titleCarriesId(controlId, title)) return title;
  return title ? `${controlId} ${title}` : controlId;
}

/** A short radar label: the ID and the title cut to about `maxEm` wide, with an ellipsis when cut. */
export function shortLabel(controlId: string, title: string, maxEm = 9): string {
  return fitText(controlHeading(controlId, title), maxEm);
}

export { noteInLanguage } from '../util/bilingual-note';

/** 「A」または「B」 / “A” or “B”: answer labels quoted and listed in the report language. */
function quotedList(L: ReportLabels, labels: readonly string[]): string {
  const q = labels.map((label) => fillLabel(L.quoted, { label }));
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(L.listSeparator)}${L.listOr}${q.at(-1) as string}`;
}

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };
const severityRank = (s: ReportFinding['severity']) => (s === null ? 3 : (SEVERITY_RANK[s] ?? 3));
const SEVERITY_LABEL = { high: 'severityHigh', medium: 'severityMedium', low: 'severityLow' } as const;
export const severityLabel = (L: ReportLabels, s: AnswerFields['severity']): string =>
  s === null ? '' : L[SEVERITY_LABEL[s]];

/** Highest severity first (not set last); within one severity the earliest due date, then catalog order. */
const byPriority = (order: Map<string, number>) => (a: ReportFinding, b: ReportFinding) => {
  const bySeverity = severityRank(a.severity) - severityRank(b.severity);
  if (bySeverity !== 0) return bySeverity;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return (order.get(a.controlId) ?? 0) - (order.get(b.controlId) ?? 0);
};

/** What every section builder reads: the input, the report language's labels and how to write text and dates. */
type Ctx = {
  input: ReportInput;
  detail: ReportInput['detail'];
  L: ReportLabels;
  style: DateStyle;
  /** A stored UTC timestamp as printed: in the report's date style and time zone. */
  stamp: (iso: string) => string;
  loc: (t: Localized) => string;
  dash: (s: string | null | undefined) => string;
};

function contextOf(input: ReportInput): Ctx {
  const L = REPORT_LABELS[input.lang];
  return {
    input,
    detail: input.detail,
    L,
    style: input.dateStyle ?? 'iso',
    stamp: (iso) => formatTimestamp(iso, input.dateStyle ?? 'iso', input.timeZone ?? 'UTC'),
    loc: (t) => t[input.lang] || t.ja || t.en,
    dash: (s) => (s && s.trim() ? s : L.none),
  };
}

function rowsOf({ input, detail, L, loc }: Ctx): ReportRow[] {
  return (input.results ?? controlResults(detail, input.evidence)).map((r): ReportRow => ({
    controlId: r.controlId,
    title: loc(r.control.title),
    depth: r.control.depth,
    value: r.value,
    answer: r.value === null ? L.unanswered : r.scaleEntry ? loc(r.scaleEntry.label) : r.value,
    meaning: r.meaning,
    comment: r.comment,
    justification: r.justification,
    owner: r.owner,
    dueDate: r.dueDate ?? '',
    remediation: r.remediation,
    markedForReview: r.markedForReview,
    customizedApproach: r.customizedApproach,
    severity: r.severity,
    severityLabel: severityLabel(L, r.severity),
    ccw: Object.fromEntries(CCW_FIELDS.map((k) => [k, r[k]])) as Record<CcwField, string>,
    evidence: r.evidence.map((e) => e.fileName),
  }));
}

/** The rows under each top-level group, in catalog order; groups without controls in scope are left out. */
function groupsOf({ detail, loc }: Ctx, score: AssessmentScore, rows: readonly ReportRow[]): ReportGroup[] {
  const inScope = detail.controls.filter((c) => c.assessable && c.applicable);
  const rowById = new Map(rows.map((r) => [r.controlId, r]));
  const topOf = new Map<string, string>();
  const parent = new Map(detail.controls.map((c) => [c.controlId, c.parentId]));
  for (const c of inScope) {
    let id = c.controlId;
    for (let p = parent.get(id), n = 0; p && parent.has(p) && n < detail.controls.length; p = parent.get(id), n++)
      id = p;
    topOf.set(c.controlId, id);
  }
  return score.groups
    .filter((g) => g.total > 0)
    .map((g) => {
      const title = loc(g.title);
      return {
        controlId: g.controlId,
        title,
        heading: controlHeading(g.controlId, title),
        rows: inScope
          .filter((c) => topOf.get(c.controlId) === g.controlId)
          .map((c) => rowById.get(c.controlId) as ReportRow),
      };
    });
}

/** The answers of these meanings as this catalog labels them (PCI DSS: 不適合, not 未実施), in the order given. */
const labelsOf = ({ detail, loc }: Ctx, meanings: readonly AnswerMeaning[]) =>
  meanings.flatMap((m) => detail.answerScale.filter((s) => s.meaning === m).map((s) => loc(s.label)));

function findingsOf(ctx: Ctx, rows: readonly ReportRow[]): Pick<ReportModel, 'findings' | 'findingsNote'> {
  const { detail, L, style } = ctx;
  const order = new Map(detail.controls.map((c, i) => [c.controlId, i]));
  const findings = rows
    .filter((r) => isFindingMeaning(r.meaning))
    .map((r): ReportFinding => ({
      controlId: r.controlId,
      title: r.title,
      answer: r.answer,
      meaning: r.meaning as AnswerMeaning,
      severity: r.severity,
      severityLabel: r.severityLabel,
      owner: r.owner,
      dueDate: r.dueDate || null,
      remediation: r.remediation,
      comment: r.comment,
    }))
    .sort(byPriority(order))
    // Sorted on ISO dates first, written in the report's style afterwards.
    .map((f) => ({ ...f, dueDate: f.dueDate ? formatDate(f.dueDate, style) : null }));
  const labels = labelsOf(ctx, ['noncompliant', 'partial']);
  return {
    findings,
    findingsNote: labels.length ? fillLabel(L.findingsNote, { answers: quotedList(L, labels) }) : L.findingsNoteNeutral,
  };
}

function exclusionsOf(ctx: Ctx, rows: readonly ReportRow[]): Pick<ReportModel, 'exclusions' | 'exclusionsNote'> {
  const { L } = ctx;
  const exclusions = rows
    .filter((r) => r.meaning === 'not_applicable' || r.meaning === 'not_tested')
    .map((r): ReportExclusion => ({
      controlId: r.controlId,
      title: r.title,
      answer: r.answer,
      justification: r.justification || L.justificationMissing,
      missing: !r.justification.trim(),
    }));
  const labels = labelsOf(ctx, ['not_applicable', 'not_tested']);
  return {
    exclusions,
    exclusionsNote: labels.length
      ? fillLabel(L.exclusionsNote, { answers: quotedList(L, labels) })
      : L.exclusionsNoteNeutral,
  };
}

function evidenceOf({ input, detail, L, stamp }: Ctx): ReportEvidence[] {
  return input.evidence.map((e): ReportEvidence => ({
    fileName: e.fileName,
    size: e.size,
    sizeText: fillLabel(L.bytes, { value: groupDigits(e.size) }),
    sha256: e.sha256,
    addedBy: e.addedBy,
    addedAt: stamp(e.addedAt),
    controlIds: evidenceControlIds(detail, e),
  }));
}

function summaryOf({ detail, L, loc }: Ctx, score: AssessmentScore): ReportModel['summary'] {
  const overallComment = detail.overallComment ?? '';
  const o = score.overall;
  const counts = [
    ...detail.answerScale.map((s) => ({
      value: s.value as string | null,
      label: loc(s.label),
      meaning: s.meaning as AnswerMeaning | null,
      count: o.byValue[s.value] ?? 0,
    })),
    { value: null, label: L.unanswered, meaning: null, count: o.unanswered },
  ];
  const figures = score.groups
    .filter((g) => g.total > 0)
    .map((g): ReportGroupFigure => ({
      controlId: g.controlId,
      title: loc(g.title),
      heading: controlHeading(g.controlId, loc(g.title)),
      shortLabel: shortLabel(g.controlId, loc(g.title)),
      total: g.total,
      answered: g.answered,
      counts: detail.answerScale.map((s) => g.byValue[s.value] ?? 0),
      score: scoreText(L, score.method, g),
      ratio: g.ratio,
    }));
  const radar =
    figures.length >= 3
      ? radarChart(
          figures.map((f) => ({ label: f.shortLabel, value: f.ratio ?? 0 })),
          { size: 300, labelWidth: 110, fontSize: 10 },
        )
      : null;
  return {
    method: score.method,
    score: scoreText(L, score.method, o),
    band: o.band ? loc(o.band.label) : null,
    // Any answer missing: the score can still change (in points, missing answers count 0 of the maximum).
    provisional: o.unanswered > 0,
    rule: score.method === 'points' ? L.scoreRulePoints : L.scoreRule,
    progress: fillLabel(L.progressValue, { answered: o.answered, total: o.total }),
    total: o.total,
    answered: o.answered,
    unanswered: o.unanswered,
    counts,
    scaleLabels: detail.answerScale.map((s) => loc(s.label)),
    groups: figures,
    radar,
    overallComment,
  };
}

function coverOf({ input, detail, L, style, stamp, loc, dash }: Ctx): ReportModel['cover'] {
  const catalogTitle = loc(input.catalog.title);
  const period =
    detail.periodStart || detail.periodEnd
      ? fillLabel(L.periodRange, {
          start: detail.periodStart ? formatDate(detail.periodStart, style) : '',
          end: detail.periodEnd ? formatDate(detail.periodEnd, style) : '',
        }).trim()
      : L.none;
  const generatedAt = stamp(input.generatedAt);
  const cover = {
    organization: dash(detail.organization?.name),
    assessmentName: detail.name,
    assessmentId: detail.id,
    scope: dash(detail.scope),
    assessors: dash(detail.assessors),
    period,
    status: L[STATUS_KEY[detail.status]],
    catalog: catalogTitle,
    catalogVersion: input.catalog.version,
    publisher: loc(input.catalog.publisher),
    sourceUrl: dash(input.catalog.sourceUrl),
    textKindNote: textKindNoteOf(input, L),
    generatedAt,
    appVersion: `Tenken ${input.appVersion}`,
    resultsSha256: input.resultsSha256 ?? null,
  };
  const fields: KeyValue[] = [
    { label: L.organization, value: cover.organization },
    { label: L.assessmentName, value: cover.assessmentName },
    { label: L.scope, value: cover.scope },
    { label: L.assessors, value: cover.assessors },
    { label: L.period, value: cover.period },
    { label: L.status, value: cover.status },
    { label: L.catalog, value: `${catalogTitle}\u3000${L.catalogVersion} ${input.catalog.version}` },
    { label: L.publisher, value: cover.publisher },
    { label: L.sourceUrl, value: cover.sourceUrl },
    { label: L.generatedAt, value: generatedAt, timestamp: true },
    { label: L.appVersion, value: cover.appVersion },
    { label: L.assessmentId, value: cover.assessmentId },
  ];
  // The profile the assessment was scoped by (e.g. a PCI DSS SAQ), right under the catalog it narrows.
  if (detail.profile) {
    const label = detail.profiles.find((p) => p.id === detail.profile)?.label;
    fields.splice(7, 0, { label: L.profile, value: label ? `${loc(label)} (${detail.profile})` : detail.profile });
  }
  const others = detail.catalogs.filter((c) => c.catalogId !== detail.catalog.catalogId);
  if (others.length)
    fields.splice(detail.profile ? 8 : 7, 0, {
      label: L.otherCatalogs,
      value: others.map((c) => `${loc(c.title)} ${c.version}`).join(' / '),
    });
  return { ...cover, fields };
}

const textKindNoteOf = (input: ReportInput, L: ReportLabels) =>
  L[TEXT_KIND_KEY[input.catalog.textKind] ?? 'textKindUser'];

function auditOf({ input, L }: Ctx): ReportModel['audit'] {
  const head = input.audit.head ?? L.none;
  const assessmentEntries = input.audit.assessmentEntries ?? null;
  const status = input.audit.ok ? L.auditOk : L.auditBroken;
  return {
    entries: input.audit.entries,
    assessmentEntries,
    head,
    ok: input.audit.ok,
    status,
    fields: [
      { label: L.auditEntries, value: groupDigits(input.audit.entries) },
      ...(assessmentEntries === null
        ? []
        : [{ label: L.auditAssessmentEntries, value: groupDigits(assessmentEntries) }]),
      { label: L.auditHead, value: head },
      { label: L.auditChain, value: status },
    ],
  };
}

function sourceOf({ input, L, loc, dash }: Ctx): ReportModel['source'] {
  return {
    fields: [
      { label: L.catalog, value: loc(input.catalog.title) },
      { label: L.catalogVersion, value: input.catalog.version },
      { label: L.publisher, value: loc(input.catalog.publisher) },
      { label: L.published, value: input.catalog.published },
      { label: L.sourceUrl, value: dash(input.catalog.sourceUrl) },
      { label: L.textKind, value: textKindNoteOf(input, L) },
      { label: L.licenceNote, value: loc(input.catalog.licenceNote) },
    ],
    unverified: (input.catalog.unverified ?? []).map((u) => noteInLanguage(u, input.lang)),
  };
}

/** The report as data, section by section, from one input (and its snapshot of results and score when given). */
export function buildReportModel(input: ReportInput): ReportModel {
  const ctx = contextOf(input);
  const { detail, L } = ctx;
  const score = input.score ?? scoreOf(detail);
  const rows = rowsOf(ctx);
  const cover = snapshotFields(coverOf(ctx), input.snapshot, input.lang);
  return withSignoff(
    {
      lang: input.lang,
      sections: REPORT_SECTIONS.filter((x) => !input.sections || input.sections.includes(x)),
      labels: L,
      title: `${L.reportTitle} \u2014 ${detail.name}`,
      marking: input.marking.trim() || L.defaultMarking,
      generatedAt: cover.generatedAt,
      generatedAtIso: input.generatedAt,
      appVersion: input.appVersion,
      cover,
      summary: summaryOf(ctx, score),
      groups: groupsOf(ctx, score, rows),
      hasWorksheet: detail.answerScale.some((s) => s.worksheet === 'ccw'),
      ...findingsOf(ctx, rows),
      ...exclusionsOf(ctx, rows),
      evidence: evidenceOf(ctx),
      audit: auditOf(ctx),
      source: sourceOf(ctx),
      snapshot: input.snapshot ?? null,
      scheme: schemeSummaryOf({
        ...{ detail, lang: input.lang, dateStyle: ctx.style, generatedAt: input.generatedAt },
        results: input.results ?? controlResults(detail, input.evidence),
        timeZone: input.timeZone ?? 'UTC',
        statusLabel: cover.status,
        signatory: signatoryOf(input, ctx.style),
      }),
    },
    input,
  );
}

/**
 * The PCI summary's signatory block is the recorded approval (name, role, the day in the report's zone), so what
 * is printed is what the history says; without an approval the block stays blank, to be signed on paper.
 */
function signatoryOf(input: ReportInput, style: DateStyle): { name: string; title: string; date: string } | null {
  const a = input.signoff?.approved;
  if (!a) return null;
  const day = zonedTime(a.at, input.timeZone ?? 'UTC')?.date ?? a.at.slice(0, 10);
  return { name: a.name, title: a.role, date: formatDate(day, style) };
}
