import { TENKEN_NAMESPACE } from '../constants';
import { uuidV5 } from '../../util/uuid-v5';
import { en } from '../../wording/en';
import { ja } from '../../wording/ja';
import type { Evidence, Lang, Meaning, OscalAnswer, OscalInput, OscalPart, Prop } from './types';
import { line, prop } from './values';

// ---------------------------------------------------------------------------------------------------------------
// Wording written into the documents (not shown in the UI, so it lives here, like src/core/report/labels.ts)

// Wording written into the documents (not shown in the UI): the one wording table per language (src/core/wording).
export const MEANING_WORDS: Record<Lang, Record<Meaning, string>> = { ja: ja.meanings, en: en.meanings };
export const WORDS = { ja: ja.oscal, en: en.oscal };

// ---------------------------------------------------------------------------------------------------------------
// The shared context of one document

export type Entry = { part: OscalPart; answer: OscalAnswer; key: string[] };

export type Ctx = {
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

export function context(input: OscalInput): Ctx {
  const lang = input.lang;
  const aid = input.assessment.id;
  // A JSON array as the name cannot be ambiguous whatever characters the ids hold.
  const uuid = (kind: string, key: readonly string[] = []) =>
    uuidV5(TENKEN_NAMESPACE, JSON.stringify(['tenken-oscal', aid, kind, ...key]));

  // The same control twice (should not happen) still gets its own UUIDs: the second one's key says so.
  const seen = new Map<string, number>();
  const entries: Entry[] = [];
  for (const part of input.parts) {
    for (const answer of part.answers) {
      const id = JSON.stringify([part.catalogId, answer.controlId]);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      entries.push({
        part,
        answer,
        key: n === 1 ? [part.catalogId, answer.controlId] : [part.catalogId, answer.controlId, String(n)],
      });
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
    ...new Set([
      ...e.answer.evidenceSha256,
      ...(linked.get(JSON.stringify([e.part.catalogId, e.answer.controlId])) ?? []),
    ]),
  ];

  return { input, lang, W: WORDS[lang], uuid, entries, evidenceOf, fileBySha };
}

export function localized(text: { ja: string; en: string }, lang: Lang): string {
  return text[lang] || text.ja || text.en;
}

export function controlTitle(ctx: Ctx, a: OscalAnswer): string {
  return line(`${a.controlId} ${localized(a.title, ctx.lang)}`) || ctx.W.answer;
}

/** "Answer: Yes (Compliant)", or "Unanswered". */
export function answerSummary(ctx: Ctx, a: OscalAnswer): string {
  if (a.value === null) return ctx.W.unanswered;
  const label = line(a.valueLabel ?? '') || a.value;
  const meaning = a.meaning ? MEANING_WORDS[ctx.lang][a.meaning] : undefined;
  const paren = meaning === undefined ? '' : ctx.lang === 'ja' ? `（${meaning}）` : ` (${meaning})`;
  return `${ctx.W.answer}${ctx.W.colon}${label}${paren}`;
}

/** Labelled sections of free text, each verbatim; empty texts are left out. */
export function sections(ctx: Ctx, list: readonly [string, string][]): string | undefined {
  const out = list.filter(([, text]) => text !== '').map(([label, text]) => `${label}${ctx.W.colon.trim()}\n\n${text}`);
  return out.length ? out.join('\n\n') : undefined;
}

export function hasRecord(ctx: Ctx, e: Entry): boolean {
  const a = e.answer;
  return (
    a.value !== null ||
    a.comment !== '' ||
    a.justification !== '' ||
    a.owner !== '' ||
    a.dueDate !== null ||
    a.remediation !== '' ||
    a.markedForReview ||
    a.revision > 0 ||
    ctx.evidenceOf(e).length > 0
  );
}

export const isGap = (a: OscalAnswer) => a.value !== null && (a.meaning === 'partial' || a.meaning === 'noncompliant');
export const isDetermined = (a: OscalAnswer) => a.value !== null && (a.meaning === 'compliant' || isGap(a));

export function controlProps(e: Entry): (Prop | undefined)[] {
  return [prop('catalog-id', e.part.catalogId), prop('control-id', e.answer.controlId)];
}
