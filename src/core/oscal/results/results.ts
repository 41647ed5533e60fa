import { TENKEN_NAMESPACE, TENKEN_OSCAL_NS } from '../constants';
import { uuidV5 } from '../../util/uuid-v5';
import { fillLabel } from '../../report/labels';
import { en } from '../../wording/en';
import { ja } from '../../wording/ja';

/**
 * An assessment as OSCAL assessment-results (SAR) and plan-of-action-and-milestones (POA&M) JSON, valid against the
 * official NIST JSON schemas. Pure and deterministic: every UUID is name-based (v5) and every array follows the
 * input's order, so the same input always gives the same JSON, byte for byte.
 *
 * Mapping (what goes where):
 * - Control ids become OSCAL tokens with `oscalControlToken` (reversible, see there); the exact catalog and control
 *   ids are also kept in props of namespace TENKEN_OSCAL_NS wherever a control is named.
 * - Every answer with something recorded gives one observation: its props hold the exact answer value, meaning,
 *   owner, due date, review mark, revision, who and when, and the evidence SHA-256s; its remarks hold the comment,
 *   justification and remediation verbatim. Answers without a value are also listed as `unanswered` props of their
 *   catalog's control selection.
 * - compliant / partial / noncompliant answers give a finding (satisfied / not-satisfied). not_applicable,
 *   not_tested, unknown and unanswered give none: OSCAL has no third state, and either state would misreport them.
 * - partial / noncompliant answers give a risk (due date as its deadline and as an on-date milestone) and, in the
 *   POA&M, a poam-item.
 * - Evidence files are back-matter resources without rlinks (Tenken has no URL for them); their SHA-256 is a prop.
 * - Free text goes into markup fields (remarks, description, statement) unchanged; props only take single-line text
 *   (a value that is not is written whitespace-collapsed, with the exact text in the prop's remarks).
 * - Dates without a time (period, due date) are calendar days in Japan time (+09:00), as in the catalog export.
 */

// The one namespace of Tenken's props in every OSCAL document we write (the catalog export uses it too), so a
// reader needs to know a single URI.
export { TENKEN_OSCAL_NS };

/** The OSCAL version of the schemas we validate against (their $id is …/oscal/1.2.1/…). */
export const OSCAL_RESULTS_VERSION = '1.2.1';

export type OscalAnswer = {
  /** As printed in the catalog, e.g. "1.2.1", "A3.2.5", "9.4.2.1.B", "ac-2.1". */
  controlId: string;
  title: { ja: string; en: string };
  /** Our answer value id (null = unanswered). */
  value: string | null;
  /** Label of the value in the report language. */
  valueLabel: string | null;
  meaning: 'compliant' | 'partial' | 'noncompliant' | 'not_applicable' | 'not_tested' | 'unknown' | null;
  comment: string;
  justification: string;
  owner: string;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  remediation: string;
  markedForReview: boolean;
  customizedApproach: boolean;
  /** ISO 8601 with Z. */
  updatedAt: string | null;
  updatedBy: string | null;
  revision: number;
  evidenceSha256: string[];
};

export type OscalPart = {
  catalogId: string;
  version: string;
  title: { ja: string; en: string };
  sourceUrl: string | null;
  profile: string | null;
  answers: OscalAnswer[];
};

export type OscalInput = {
  assessment: {
    id: string;
    name: string;
    organization: string | null;
    scope: string;
    assessors: string;
    periodStart: string | null;
    periodEnd: string | null;
    status: 'draft' | 'in_review' | 'final';
    createdAt: string;
    updatedAt: string;
  };
  /** One or several catalogs per assessment. */
  parts: OscalPart[];
  evidence: {
    fileName: string;
    sha256: string;
    size: number;
    mediaType: string;
    addedBy: string;
    addedAt: string;
    controls: { catalogId: string; controlId: string }[];
  }[];
  audit: { head: string | null; ok: boolean; entries: number };
  /** ISO UTC with Z. */
  generatedAt: string;
  appVersion: string;
  /** Language of the titles and labels written into the documents. */
  lang: 'ja' | 'en';
};

type Obj = Record<string, unknown>;
type Lang = OscalInput['lang'];
type Meaning = NonNullable<OscalAnswer['meaning']>;
type Evidence = OscalInput['evidence'][number];
type Prop = { name: string; ns: string; value: string; group?: string; remarks?: string };

// ---------------------------------------------------------------------------------------------------------------
// Control ids as OSCAL tokens

/**
 * The OSCAL `control-id` for one of our controls: `<catalog id>-<control id>`, each escaped so the result is a token
 * (letters, digits, `.`, `-`, `_`; first a letter or `_`). Letters, digits, `.` and `-` stay as they are; `_` is
 * written `__`; any other character (e.g. `(` in `AC-2(1)`) is written `_<hex code point>_`, and so is the catalog
 * id's first character when it is not a letter. So `pci-dss` + `1.2.1` → `pci-dss-1.2.1`, `nist` + `AC-2(1)` →
 * `nist-AC-2_28_1_29_`. Reversible with `controlIdFromOscalToken` given the catalog id, and injective: two different
 * controls never share a token (a plain "replace by `_`" would merge `AC-2(1)` and `AC-2_1_`).
 */
export function oscalControlToken(catalogId: string, controlId: string): string {
  if (catalogId === '') throw new Error('oscalControlToken: empty catalog id');
  return `${escapeToken(catalogId, true)}-${escapeToken(controlId, false)}`;
}

/** The control id `oscalControlToken(catalogId, …)` was made from, or null when the token is not one of its outputs. */
export function controlIdFromOscalToken(catalogId: string, token: string): string | null {
  if (catalogId === '') return null;
  const prefix = `${escapeToken(catalogId, true)}-`;
  return token.startsWith(prefix) ? unescapeToken(token.slice(prefix.length)) : null;
}

function escapeToken(text: string, atStart: boolean): string {
  let out = '';
  let first = atStart;
  for (const ch of text) {
    const kept = first ? /^\p{L}$/u.test(ch) : /^[\p{L}\p{N}.-]$/u.test(ch);
    out += ch === '_' ? '__' : kept ? ch : `_${(ch.codePointAt(0) as number).toString(16)}_`;
    first = false;
  }
  return out;
}

function unescapeToken(text: string): string | null {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch !== '_') {
      out += ch;
      i += 1;
    } else if (text[i + 1] === '_') {
      out += '_';
      i += 2;
    } else {
      const end = text.indexOf('_', i + 1);
      const hex = end < 0 ? '' : text.slice(i + 1, end);
      if (!/^[0-9a-f]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return null;
      out += String.fromCodePoint(parseInt(hex, 16));
      i = end + 1;
    }
  }
  return out;
}

/**
 * Finding target: the control's statement part, named as NIST names statement parts (`<control id>_smt`). `_s` never
 * occurs in an escaped token (s is not a hex digit), so the suffix cannot be mistaken for part of the control id.
 */
function statementToken(catalogId: string, controlId: string): string {
  return `${oscalControlToken(catalogId, controlId)}_smt`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text, props, timestamps

/** The schema's StringDatatype: non-empty, no surrounding whitespace, one line. */
const STRING_RE = /^\S(.*\S)?$/u;

/** Titles are markup-line (no line break); one collapsed line also reads better in tools' lists. */
function line(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Our prop; null/empty gives none. Text a prop cannot hold is collapsed to one line, the exact text kept in `remarks`. */
function prop(name: string, value: string | null | undefined, group?: string): Prop | undefined {
  if (value === null || value === undefined) return undefined;
  const base = { name, ns: TENKEN_OSCAL_NS };
  if (STRING_RE.test(value)) return group ? { ...base, value, group } : { ...base, value };
  const collapsed = line(value);
  if (collapsed === '') return undefined;
  return group ? { ...base, value: collapsed, group, remarks: value } : { ...base, value: collapsed, remarks: value };
}

function props(...list: (Prop | undefined)[]): Prop[] {
  return list.filter((p): p is Prop => p !== undefined);
}

/** Sets `obj[key]` only for a non-empty list: OSCAL arrays have minItems 1. */
function putList(obj: Obj, key: string, list: readonly unknown[]): void {
  if (list.length) obj[key] = list;
}

/** Sets `obj[key]` only for non-empty text. */
function putText(obj: Obj, key: string, text: string | undefined): void {
  if (text !== undefined && text !== '') obj[key] = text;
}

// The schema's date-time accepts years 1900–2999 and real calendar days only.
function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?Z$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A stored timestamp as an OSCAL date-time: UTC ones as given, anything else Date can read converted to UTC. */
function dateTime(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const m = UTC_RE.exec(text);
  if (m && validDay(Number(m[1]), Number(m[2]), Number(m[3]))) return text;
  const t = Date.parse(text);
  if (!Number.isFinite(t)) return undefined;
  const iso = new Date(t).toISOString();
  const n = UTC_RE.exec(iso);
  return n && validDay(Number(n[1]), Number(n[2]), Number(n[3])) ? iso : undefined;
}

/** Tenken's dates are calendar days in Japan; OSCAL needs a moment with a zone: the day's first or last second there. */
const DAY_ZONE = '+09:00';

function dayStart(date: string | null): string | undefined {
  return dayBound(date, '00:00:00');
}

function dayEnd(date: string | null): string | undefined {
  return dayBound(date, '23:59:59');
}

function dayBound(date: string | null, time: string): string | undefined {
  if (!date) return undefined;
  const m = DAY_RE.exec(date);
  if (!m) return dateTime(date);
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? `${date}T${time}${DAY_ZONE}` : undefined;
}

/** The latest of some timestamps (as written, not normalized), by the moment they denote. */
function latest(times: readonly string[]): string | undefined {
  let best: { text: string; t: number } | undefined;
  for (const text of times) {
    const ok = dateTime(text);
    const t = ok === undefined ? NaN : Date.parse(ok);
    if (ok !== undefined && Number.isFinite(t) && (best === undefined || t > best.t)) best = { text: ok, t };
  }
  return best?.text;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording written into the documents (not shown in the UI, so it lives here, like src/core/report/labels.ts)

// Wording written into the documents (not shown in the UI): the one wording table per language (src/core/wording).
const MEANING_WORDS: Record<Lang, Record<Meaning, string>> = { ja: ja.meanings, en: en.meanings };
const WORDS = { ja: ja.oscal, en: en.oscal };

// ---------------------------------------------------------------------------------------------------------------
// The shared context of one document

type Entry = { part: OscalPart; answer: OscalAnswer; key: string[] };

type Ctx = {
  input: OscalInput;
  lang: Lang;
  W: (typeof WORDS)[Lang];
  /** Name-based UUID of a thing of this assessment: `kind` plus the key naming it. */
  uuid: (kind: string, key?: readonly string[]) => string;
  entries: Entry[];
  /** Evidence SHA-256s of an answer: its own list first, then files linked to the control, no duplicates. */
  evidenceOf: (e: Entry) => string[];
  fileBySha: Map<string, Evidence>;
};

function context(input: OscalInput): Ctx {
  const lang = input.lang;
  const aid = input.assessment.id;
  // A JSON array as the name cannot be ambiguous whatever characters the ids hold.
  const uuid = (kind: string, key: readonly string[] = []) => uuidV5(TENKEN_NAMESPACE, JSON.stringify(['tenken-oscal', aid, kind, ...key]));

  // The same control twice (should not happen) still gets its own UUIDs: the second one's key says so.
  const seen = new Map<string, number>();
  const entries: Entry[] = [];
  for (const part of input.parts) {
    for (const answer of part.answers) {
      const id = JSON.stringify([part.catalogId, answer.controlId]);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      entries.push({ part, answer, key: n === 1 ? [part.catalogId, answer.controlId] : [part.catalogId, answer.controlId, String(n)] });
    }
  }

  const fileBySha = new Map<string, Evidence>();
  const linked = new Map<string, string[]>();
  for (const file of input.evidence) {
    if (!fileBySha.has(file.sha256)) fileBySha.set(file.sha256, file);
    for (const c of file.controls) {
      const id = JSON.stringify([c.catalogId, c.controlId]);
      linked.set(id, [...(linked.get(id) ?? []), file.sha256]);
    }
  }
  const evidenceOf = (e: Entry) => [
    ...new Set([...e.answer.evidenceSha256, ...(linked.get(JSON.stringify([e.part.catalogId, e.answer.controlId])) ?? [])]),
  ];

  return { input, lang, W: WORDS[lang], uuid, entries, evidenceOf, fileBySha };
}

function localized(text: { ja: string; en: string }, lang: Lang): string {
  return text[lang] || text.ja || text.en;
}

function controlTitle(ctx: Ctx, a: OscalAnswer): string {
  return line(`${a.controlId} ${localized(a.title, ctx.lang)}`) || ctx.W.answer;
}

/** "Answer: Yes (Compliant)", or "Unanswered". */
function answerSummary(ctx: Ctx, a: OscalAnswer): string {
  if (a.value === null) return ctx.W.unanswered;
  const label = line(a.valueLabel ?? '') || a.value;
  const meaning = a.meaning ? MEANING_WORDS[ctx.lang][a.meaning] : undefined;
  const paren = meaning === undefined ? '' : ctx.lang === 'ja' ? `（${meaning}）` : ` (${meaning})`;
  return `${ctx.W.answer}${ctx.W.colon}${label}${paren}`;
}

/** Labelled sections of free text, each verbatim; empty texts are left out. */
function sections(ctx: Ctx, list: readonly [string, string][]): string | undefined {
  const out = list.filter(([, text]) => text !== '').map(([label, text]) => `${label}${ctx.W.colon.trim()}\n\n${text}`);
  return out.length ? out.join('\n\n') : undefined;
}

function hasRecord(ctx: Ctx, e: Entry): boolean {
  const a = e.answer;
  return (
    a.value !== null || a.comment !== '' || a.justification !== '' || a.owner !== '' || a.dueDate !== null || a.remediation !== '' ||
    a.markedForReview || a.revision > 0 || ctx.evidenceOf(e).length > 0
  );
}

const isGap = (a: OscalAnswer) => a.value !== null && (a.meaning === 'partial' || a.meaning === 'noncompliant');
const isDetermined = (a: OscalAnswer) => a.value !== null && (a.meaning === 'compliant' || isGap(a));

function controlProps(e: Entry): (Prop | undefined)[] {
  return [prop('catalog-id', e.part.catalogId), prop('control-id', e.answer.controlId)];
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

function metadata(ctx: Ctx, title: string): Obj {
  const { assessment: as, parts, audit, generatedAt, appVersion } = ctx.input;
  const published = dateTime(generatedAt);
  if (published === undefined) throw new Error(`OSCAL export: generatedAt is not a timestamp: ${generatedAt}`);
  // Stable for unchanged data (unlike the export time): the latest change to the assessment, its answers or evidence.
  const lastModified =
    latest([as.updatedAt, as.createdAt, ...ctx.entries.map((e) => e.answer.updatedAt ?? ''), ...ctx.input.evidence.map((f) => f.addedAt)]) ??
    published;

  const partProps = parts.flatMap((p, i) => {
    const group = `part-${i + 1}`;
    return [prop('catalog-id', p.catalogId, group), prop('catalog-version', p.version, group), prop('profile', p.profile, group)];
  });
  const meta: Obj = {
    title: line(title) || ctx.W.answer,
    published,
    'last-modified': lastModified,
    version: dateTime(as.updatedAt) ?? lastModified,
    'oscal-version': OSCAL_RESULTS_VERSION,
  };
  putList(
    meta,
    'props',
    props(
      prop('assessment-id', as.id),
      prop('assessment-status', as.status),
      prop('lang', ctx.lang),
      prop('app-version', appVersion),
      ...partProps,
      prop('audit-head', audit.head),
      prop('audit-chain-ok', String(audit.ok)),
      prop('audit-entries', String(audit.entries)),
    ),
  );
  const org = line(as.organization ?? '');
  if (org !== '') {
    const partyUuid = ctx.uuid('party', ['organization']);
    const party: Obj = { uuid: partyUuid, type: 'organization', name: org };
    if (org !== as.organization) party.remarks = as.organization;
    meta.roles = [{ id: 'prepared-for', title: ctx.W.preparedFor }];
    meta.parties = [party];
    meta['responsible-parties'] = [{ 'role-id': 'prepared-for', 'party-uuids': [partyUuid] }];
  }
  meta.remarks = fillLabel(ctx.W.mapping, { ns: TENKEN_OSCAL_NS, app: appVersion });
  return meta;
}

function documentTitle(ctx: Ctx, prefix?: string): string {
  const catalogs = ctx.input.parts.map((p) => line(localized(p.title, ctx.lang))).filter((t) => t !== '');
  const name = line(ctx.input.assessment.name);
  const main = [name, catalogs.join(' / ')].filter((t) => t !== '').join(' — ');
  return prefix ? `${prefix}${ctx.W.colon}${main}` : main;
}

/** A link only for a URL tools can follow as written (the schema's uri-reference refuses spaces, non-ASCII…). */
function sourceLink(url: string | null): Obj[] {
  return url && /^https?:\/\/[\x21-\x7e]+$/.test(url) ? [{ href: url, rel: 'reference' }] : [];
}

function controlSelection(ctx: Ctx, part: OscalPart): Obj | undefined {
  if (part.answers.length === 0) return undefined;
  const sel: Obj = { description: line(`${localized(part.title, ctx.lang)} ${part.version}`) };
  const unanswered = part.answers.filter((a) => a.value === null).map((a) => prop('unanswered', a.controlId));
  putList(
    sel,
    'props',
    props(
      prop('catalog-id', part.catalogId),
      prop('catalog-version', part.version),
      prop('profile', part.profile),
      sourceLink(part.sourceUrl).length ? undefined : prop('source-url', part.sourceUrl),
      ...unanswered,
    ),
  );
  putList(sel, 'links', sourceLink(part.sourceUrl));
  sel['include-controls'] = part.answers.map((a) => ({ 'control-id': oscalControlToken(part.catalogId, a.controlId) }));
  return sel;
}

function reviewedControls(ctx: Ctx): Obj {
  const selections = ctx.input.parts.map((p) => controlSelection(ctx, p)).filter((s): s is Obj => s !== undefined);
  // The schema needs one selection at least; with no control at all, say so rather than list a made-up one.
  if (selections.length === 0) selections.push({ description: ctx.W.noControls, 'include-all': {} });
  return { 'control-selections': selections };
}

function relevantEvidence(ctx: Ctx, sha: string): Obj {
  const file = ctx.fileBySha.get(sha);
  const out: Obj = { description: file ? `${ctx.W.evidenceFile}${ctx.W.colon}${file.fileName}` : ctx.W.unknownEvidence };
  putList(out, 'props', props(prop('evidence-sha256', sha), prop('file-name', file?.fileName)));
  return out;
}

/** Our exact answer in props, the same on an observation and on a POA&M item. */
function answerProps(e: Entry): (Prop | undefined)[] {
  const a = e.answer;
  return [
    ...controlProps(e),
    prop('answer-value', a.value),
    prop('meaning', a.meaning),
    prop('owner', a.owner),
    prop('due-date', a.dueDate),
    prop('marked-for-review', String(a.markedForReview)),
    a.customizedApproach ? prop('customized-approach', 'true') : undefined,
  ];
}

function observation(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const W = ctx.W;
  const collected = dateTime(a.updatedAt) ?? dateTime(ctx.input.assessment.updatedAt) ?? dateTime(ctx.input.generatedAt);
  const obs: Obj = { uuid: ctx.uuid('observation', e.key), title: controlTitle(ctx, a), description: answerSummary(ctx, a) };
  putList(
    obs,
    'props',
    props(
      ...answerProps(e),
      prop('revision', String(a.revision)),
      prop('updated-by', a.updatedBy),
      prop('updated-at', a.updatedAt),
      ...ctx.evidenceOf(e).map((sha) => prop('evidence-sha256', sha)),
    ),
  );
  // A self-assessment questionnaire does not record how each answer was reached.
  obs.methods = ['UNKNOWN'];
  obs.types = ['control-objective'];
  putList(obs, 'relevant-evidence', ctx.evidenceOf(e).map((sha) => relevantEvidence(ctx, sha)));
  obs.collected = collected;
  putText(obs, 'remarks', sections(ctx, [[W.comment, a.comment], [W.justification, a.justification], [W.remediation, a.remediation]]));
  return obs;
}

function implementationState(a: OscalAnswer): string | undefined {
  if (a.meaning === 'compliant') return 'implemented';
  if (a.meaning === 'partial') return 'partial';
  // A noncompliant control is "planned" only once someone has planned something.
  return a.remediation !== '' || a.dueDate !== null ? 'planned' : undefined;
}

function finding(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const satisfied = a.meaning === 'compliant';
  const [sep, stop] = ctx.lang === 'ja' ? ['。', '。'] : ['. ', '.'];
  const target: Obj = {
    type: 'statement-id',
    'target-id': statementToken(e.part.catalogId, a.controlId),
    status: { state: satisfied ? 'satisfied' : 'not-satisfied', reason: satisfied ? 'pass' : 'fail' },
  };
  const implemented = implementationState(a);
  if (implemented !== undefined) target['implementation-status'] = { state: implemented };
  const f: Obj = {
    uuid: ctx.uuid('finding', e.key),
    title: controlTitle(ctx, a),
    description: `${answerSummary(ctx, a)}${sep}${satisfied ? ctx.W.satisfied : ctx.W.notSatisfied}${stop}`,
  };
  putList(f, 'props', props(...controlProps(e), prop('answer-value', a.value), prop('meaning', a.meaning)));
  f.target = target;
  f['related-observations'] = [{ 'observation-uuid': ctx.uuid('observation', e.key) }];
  if (isGap(a)) f['related-risks'] = [{ 'risk-uuid': ctx.uuid('risk', e.key) }];
  putText(f, 'remarks', a.justification);
  return f;
}

function remediation(ctx: Ctx, e: Entry): Obj | undefined {
  const a = e.answer;
  const due = dayEnd(a.dueDate);
  if (a.remediation === '' && due === undefined) return undefined;
  const r: Obj = {
    uuid: ctx.uuid('remediation', e.key),
    lifecycle: 'planned',
    title: line(`${ctx.W.remediation}${ctx.W.colon}${a.controlId}`),
    description: a.remediation || ctx.W.noRemediation,
  };
  putList(r, 'props', props(prop('owner', a.owner)));
  if (due !== undefined) {
    r.tasks = [
      {
        uuid: ctx.uuid('milestone', e.key),
        type: 'milestone',
        title: line(`${ctx.W.dueDate}${ctx.W.colon}${a.dueDate ?? ''}`),
        timing: { 'on-date': { date: due } },
      },
    ];
  }
  return r;
}

function risk(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const r: Obj = {
    uuid: ctx.uuid('risk', e.key),
    title: controlTitle(ctx, a),
    description: answerSummary(ctx, a),
    statement: a.comment || ctx.W.noComment,
  };
  putList(r, 'props', props(...controlProps(e), prop('meaning', a.meaning), prop('owner', a.owner), prop('due-date', a.dueDate)));
  r.status = 'open';
  const deadline = dayEnd(a.dueDate);
  if (deadline !== undefined) r.deadline = deadline;
  const plan = remediation(ctx, e);
  if (plan) r.remediations = [plan];
  r['related-observations'] = [{ 'observation-uuid': ctx.uuid('observation', e.key) }];
  return r;
}

function poamItem(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const item: Obj = { uuid: ctx.uuid('poam-item', e.key), title: controlTitle(ctx, a), description: a.remediation || ctx.W.noRemediation };
  putList(
    item,
    'props',
    props(
      ...answerProps(e),
    ),
  );
  item['related-findings'] = [{ 'finding-uuid': ctx.uuid('finding', e.key) }];
  item['related-observations'] = [{ 'observation-uuid': ctx.uuid('observation', e.key) }];
  item['related-risks'] = [{ 'risk-uuid': ctx.uuid('risk', e.key) }];
  putText(item, 'remarks', a.comment);
  return item;
}

/** The schema requires poam-items (minItems 1): with nothing to fix, one item says so, marked by a prop. */
function noItemsPlaceholder(ctx: Ctx): Obj {
  return {
    uuid: ctx.uuid('poam-item', ['none']),
    title: ctx.W.noItemsTitle,
    description: ctx.W.noItemsText,
    props: props(prop('placeholder', 'true')),
  };
}

function evidenceResource(ctx: Ctx, file: Evidence, index: number): Obj {
  const res: Obj = {
    // The index keeps two uploads of the same bytes apart; the file list's order is stable.
    uuid: ctx.uuid('evidence', [file.sha256, String(index)]),
    title: line(file.fileName) || ctx.W.evidenceFile,
  };
  putList(
    res,
    'props',
    props(
      prop('evidence-sha256', file.sha256),
      prop('file-name', file.fileName),
      prop('media-type', file.mediaType),
      prop('size', String(file.size)),
      prop('added-by', file.addedBy),
      prop('added-at', file.addedAt),
      // Catalog ids have no ':' (lowercase letters, digits, '-'), so the first ':' splits the value.
      ...file.controls.map((c) => prop('control', `${c.catalogId}:${c.controlId}`)),
    ),
  );
  return res;
}

function planResource(ctx: Ctx): Obj {
  return { uuid: ctx.uuid('assessment-plan'), title: ctx.W.planTitle, description: ctx.W.planText };
}

// ---------------------------------------------------------------------------------------------------------------
// The two documents

/** OSCAL assessment-results: one result with every catalog's controls, observations, findings and risks. */
export function buildOscalAssessmentResults(input: OscalInput): Record<string, unknown> {
  const ctx = context(input);
  const { assessment: as } = input;
  const recorded = ctx.entries.filter((e) => hasRecord(ctx, e));

  const result: Obj = {
    uuid: ctx.uuid('result'),
    title: line(as.name) || documentTitle(ctx),
    description: as.scope || ctx.W.noScope,
    start: dayStart(as.periodStart) ?? dateTime(as.createdAt) ?? dateTime(input.generatedAt),
  };
  const end = dayEnd(as.periodEnd);
  if (end !== undefined) result.end = end;
  result['reviewed-controls'] = reviewedControls(ctx);
  putList(result, 'observations', recorded.map((e) => observation(ctx, e)));
  putList(result, 'risks', ctx.entries.filter((e) => isGap(e.answer)).map((e) => risk(ctx, e)));
  putList(result, 'findings', ctx.entries.filter((e) => isDetermined(e.answer)).map((e) => finding(ctx, e)));
  putText(result, 'remarks', sections(ctx, [[ctx.W.assessors, as.assessors]]));

  const plan = planResource(ctx);
  const doc: Obj = {
    uuid: ctx.uuid('assessment-results'),
    metadata: metadata(ctx, documentTitle(ctx)),
    // The schema requires import-ap; Tenken has no separate plan, so it points into this document's back-matter.
    'import-ap': { href: `#${plan.uuid as string}`, remarks: ctx.W.planText },
    results: [result],
  };
  doc['back-matter'] = { resources: [plan, ...input.evidence.map((f, i) => evidenceResource(ctx, f, i))] };
  return { 'assessment-results': doc };
}

/** OSCAL plan-of-action-and-milestones: a poam-item per partial or noncompliant answer, with its finding and risk. */
export function buildOscalPoam(input: OscalInput): Record<string, unknown> {
  const ctx = context(input);
  const gaps = ctx.entries.filter((e) => isGap(e.answer));
  const shas = new Set(gaps.flatMap((e) => ctx.evidenceOf(e)));

  const doc: Obj = {
    uuid: ctx.uuid('poam'),
    metadata: metadata(ctx, documentTitle(ctx, ctx.W.poamTitle)),
    'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: ctx.uuid('system') },
    'local-definitions': { remarks: [ctx.W.noSsp, sections(ctx, [[ctx.W.scope, input.assessment.scope]])].filter(Boolean).join('\n\n') },
  };
  putList(doc, 'observations', gaps.map((e) => observation(ctx, e)));
  putList(doc, 'risks', gaps.map((e) => risk(ctx, e)));
  putList(doc, 'findings', gaps.map((e) => finding(ctx, e)));
  doc['poam-items'] = gaps.length ? gaps.map((e) => poamItem(ctx, e)) : [noItemsPlaceholder(ctx)];
  // Same UUIDs as in the assessment results: the index is the file's place in the whole list.
  const resources = input.evidence.flatMap((f, i) => (shas.has(f.sha256) ? [evidenceResource(ctx, f, i)] : []));
  if (resources.length) doc['back-matter'] = { resources };
  return { 'plan-of-action-and-milestones': doc };
}
