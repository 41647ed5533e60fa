import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/shared/i18n/locales/en.json';
import ja from '../../src/shared/i18n/locales/ja.json';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
function valueAt(obj: unknown, key: string): string {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
}
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('UI strings', () => {
  it('have the same keys in Japanese and English', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it('use the same placeholders in both languages, and no empty strings', () => {
    for (const k of keys(ja)) {
      expect(placeholders(valueAt(ja, k)), k).toEqual(placeholders(valueAt(en, k)));
      expect(valueAt(ja, k).trim(), k).not.toBe('');
      expect(valueAt(en, k).trim(), k).not.toBe('');
    }
  });

  it('cover every literal key the code asks for', () => {
    const all = new Set(keys(ja));
    const used = sources(join(__dirname, '../../src')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)].map((m) => m[1] as string),
    );
    expect(used.length).toBeGreaterThan(50);
    for (const k of used) expect(all.has(k) || [...all].some((x) => x.startsWith(`${k}.`)), k).toBe(true);
  });

  it('are not written straight into components (no Japanese text in JSX)', () => {
    const offenders = sources(join(__dirname, '../../src/renderer')).filter(
      (f) =>
        f.endsWith('.tsx') &&
        /[>}]\s*[^<{]*[\u3040-\u30ff\u4e00-\u9fff]/.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '')),
    );
    expect(offenders).toEqual([]);
  });
});
