import type { Language } from '../../../shared/api/types';

/** A file size as people read it: 「12.3 MB」 (decimal units, as file managers show them). */
export function formatSize(bytes: number, lang: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  const digits = u === 0 || n >= 100 ? 0 : 1;
  return `${n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[u]}`;
}
