import { describe, expect, it } from 'vitest';
import { fillLabel, REPORT_LABELS } from '../../src/core/report/labels';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report labels', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(REPORT_LABELS.ja).sort()).toEqual(Object.keys(REPORT_LABELS.en).sort());
    expect(Object.keys(REPORT_LABELS.ja).length).toBeGreaterThan(60);
  });

  it('use the same placeholders in both languages and have no empty text', () => {
    for (const [key, ja] of Object.entries(REPORT_LABELS.ja)) {
      const en = REPORT_LABELS.en[key as keyof typeof REPORT_LABELS.en];
      expect(placeholders(ja), key).toEqual(placeholders(en));
      expect(ja.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
    }
  });

  it('keep Japanese out of the English labels (the report language is chosen apart from the UI)', () => {
    for (const [key, en] of Object.entries(REPORT_LABELS.en)) expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(en), key).toBe(false);
  });

  it('fill placeholders and leave unknown ones', () => {
    expect(fillLabel(REPORT_LABELS.ja.progressValue, { answered: 3, total: 10 })).toBe('3 / 10 件回答済み');
    expect(fillLabel('{a} {b}', { a: 'x' })).toBe('x {b}');
  });
});
