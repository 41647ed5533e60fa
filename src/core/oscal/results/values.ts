import { TENKEN_OSCAL_NS } from '../constants';
import type { Obj, Prop } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Text, props, timestamps

/** The schema's StringDatatype: non-empty, no surrounding whitespace, one line. */
export const STRING_RE = /^\S(.*\S)?$/u;

/** Titles are markup-line (no line break); one collapsed line also reads better in tools' lists. */
export function line(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Our prop; null/empty gives none. Text a prop cannot hold is collapsed to one line, the exact text kept in `remarks`. */
export function prop(name: string, value: string | null | undefined, group?: string): Prop | undefined {
  if (value === null || value === undefined) return undefined;
  const base = { name, ns: TENKEN_OSCAL_NS };
  if (STRING_RE.test(value)) return group ? { ...base, value, group } : { ...base, value };
  const collapsed = line(value);
  if (collapsed === '') return undefined;
  return group ? { ...base, value: collapsed, group, remarks: value } : { ...base, value: collapsed, remarks: value };
}

export function props(...list: (Prop | undefined)[]): Prop[] {
  return list.filter((p): p is Prop => p !== undefined);
}

/** Sets `obj[key]` only for a non-empty list: OSCAL arrays have minItems 1. */
export function putList(obj: Obj, key: string, list: readonly unknown[]): void {
  if (list.length) obj[key] = list;
}

/** Sets `obj[key]` only for non-empty text. */
export function putText(obj: Obj, key: string, text: string | undefined): void {
  if (text !== undefined && text !== '') obj[key] = text;
}

// The schema's date-time accepts years 1900–2999 and real calendar days only.
export function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    y >= 1900 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  );
}

export const UTC_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?Z$/;
export const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A stored timestamp as an OSCAL date-time: UTC ones as given, anything else Date can read converted to UTC. */
export function dateTime(text: string | null | undefined): string | undefined {
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
export const DAY_ZONE = '+09:00';

export function dayStart(date: string | null): string | undefined {
  return dayBound(date, '00:00:00');
}

export function dayEnd(date: string | null): string | undefined {
  return dayBound(date, '23:59:59');
}

export function dayBound(date: string | null, time: string): string | undefined {
  if (!date) return undefined;
  const m = DAY_RE.exec(date);
  if (!m) return dateTime(date);
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? `${date}T${time}${DAY_ZONE}` : undefined;
}

/** The latest of some timestamps (as written, not normalized), by the moment they denote. */
export function latest(times: readonly string[]): string | undefined {
  let best: { text: string; t: number } | undefined;
  for (const text of times) {
    const ok = dateTime(text);
    const t = ok === undefined ? NaN : Date.parse(ok);
    if (ok !== undefined && Number.isFinite(t) && (best === undefined || t > best.t)) best = { text: ok, t };
  }
  return best?.text;
}
