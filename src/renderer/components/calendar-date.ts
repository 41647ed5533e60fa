// Calendar dates typed by hand (a due date, an assessment period): the app reads them itself instead of the
// browser's date picker, whose mm/dd/yyyy face and bubbles follow the browser's language, not the app's.

/** 'YYYY-MM-DD' of a real day, or null. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * What a person types, in the stored form where it can be read: full-width digits, 2027/3/31, 2027.3.31 and
 * 2027年3月31日 become 2027-03-31. Anything else is returned trimmed, unchanged, for the message to name it.
 */
export function normalizeCalendarDate(typed: string): string {
  const half = typed
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／．－]/g, (c) => ({ '／': '/', '．': '.', '－': '-' })[c] ?? c);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(half);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : half;
}

/** Why a typed date cannot be taken: 'format' (not YYYY-MM-DD), 'noSuchDay' (2027-02-30), or null (empty or fine). */
export function calendarDateProblem(value: string): 'format' | 'noSuchDay' | null {
  const v = normalizeCalendarDate(value);
  if (v === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'format';
  return isCalendarDate(v) ? null : 'noSuchDay';
}
