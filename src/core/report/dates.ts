/**
 * How a report writes dates, chosen per report: ISO (2026-06-10), Japanese (2026年6月10日) or the Japanese era
 * (令和8年6月10日, for documents submitted to Japanese public bodies). Calendar dates (period, due dates) print as
 * written; times are printed in the report's time zone by formatTimestamp (model.ts).
 */
export type DateStyle = 'iso' | 'japanese' | 'wareki';
export const DATE_STYLES: readonly DateStyle[] = ['iso', 'japanese', 'wareki'];

const WAREKI = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date (YYYY-MM-DD, or the date part of an ISO timestamp) in the chosen style; anything else unchanged. */
export function formatDate(value: string, style: DateStyle): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m || style === 'iso') return m ? `${m[1]}-${m[2]}-${m[3]}` : value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (style === 'japanese') return `${y}年${mo}月${d}日`;
  // 元年 is written as 1年 by Intl; 元年 is the customary form for the first year of an era.
  return WAREKI.format(new Date(Date.UTC(y, mo - 1, d))).replace(/^(\D+)1年/, '$1元年');
}
