import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillLabel, REPORT_LABELS } from '../../src/core/report/labels';
import { en } from '../../src/core/wording/en';
import { ja } from '../../src/core/wording/ja';
import { sheetName } from '../../src/main/report/render/xlsx';

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
    for (const [key, en] of Object.entries(REPORT_LABELS.en))
      expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(en), key).toBe(false);
  });

  it('fill placeholders and leave unknown ones', () => {
    expect(fillLabel(REPORT_LABELS.ja.progressValue, { answered: 3, total: 10 })).toBe('3 / 10 件回答済み');
    expect(fillLabel('{a} {b}', { a: 'x' })).toBe('x {b}');
  });

  it('name answer meanings with the same words as the UI (one word for one thing, in reports, OSCAL and on screen)', () => {
    for (const [lang, wording] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      const ui = JSON.parse(readFileSync(join(__dirname, `../../src/shared/i18n/locales/${lang}.json`), 'utf8')) as {
        ui: { dashboard: { meaning: Record<string, string> } };
      };
      const { unanswered, ...meanings } = ui.ui.dashboard.meaning;
      expect(wording.meanings, lang).toEqual(meanings);
      expect(wording.report.unanswered, lang).toBe(unanswered);
      expect(wording.oscal.unanswered, lang).toBe(unanswered);
    }
  });

  it('have the same keys and placeholders in the OSCAL wording of both languages', () => {
    expect(Object.keys(ja.oscal).sort()).toEqual(Object.keys(en.oscal).sort());
    for (const [key, text] of Object.entries(ja.oscal))
      expect(placeholders(text), key).toEqual(placeholders(en.oscal[key as keyof typeof en.oscal]));
  });
});

describe('XLSX sheet names', () => {
  it('are in the report language, distinct, and valid as Excel writes them (≤ 31 characters, no : \\ / ? * [ ])', () => {
    for (const lang of ['ja', 'en'] as const) {
      const L = REPORT_LABELS[lang];
      const names = [L.sheetSummary, L.sheetAnswers, L.sheetActions, L.sheetEvidence];
      expect(new Set(names).size).toBe(4);
      for (const n of names) expect(sheetName(n)).toBe(n);
    }
    expect(
      [
        REPORT_LABELS.ja.sheetSummary,
        REPORT_LABELS.ja.sheetAnswers,
        REPORT_LABELS.ja.sheetActions,
        REPORT_LABELS.ja.sheetEvidence,
      ].join(''),
    ).not.toMatch(/[A-Za-z]/);
    expect(sheetName('a:b/c?d*e[f]g\\h'.repeat(3))).toBe('a_b_c_d_e_f_g_ha_b_c_d_e_f_g_ha');
  });
});
