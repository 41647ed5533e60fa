import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { IsmapPresetSummary } from '../../src/core/catalog/tabular/ismap-preset';
import { PresetSummary } from '../../src/renderer/features/catalogs/PresetSummary';
import { createI18n } from '../../src/shared/i18n';

const counts = (detailed: number, liuMarked: number) => ({
  chapters: 1,
  governance: 0,
  management: 0,
  groups: 0,
  objectives: 2,
  detailed,
  basic: 1,
  liuMarked,
});
const summary = (liu: IsmapPresetSummary['liu']): IsmapPresetSummary => ({
  base: 'ismap@2024-07',
  version: '2024-07-official',
  liu,
  matched: 3,
  filledPlaceholders: 1,
  added: 4,
  missingFromWorkbook: [],
  placeholdersLeft: ['4.9.2'],
  sheets: [
    { name: '表紙', headerRow: null, skipped: true, liuColumn: false, counts: counts(0, 0) },
    {
      name: '管理策基準',
      headerRow: 4,
      skipped: false,
      liuColumn: liu !== 'noColumn',
      counts: counts(7, liu === 'narrowed' ? 3 : 0),
    },
  ],
  totals: counts(7, liu === 'narrowed' ? 3 : 0),
});
const render = (s: IsmapPresetSummary, lang: 'ja' | 'en') =>
  renderToStaticMarkup(
    createElement(I18nextProvider, { i18n: createI18n(lang) }, createElement(PresetSummary, { summary: s })),
  );

describe('ISMAP preset summary on the import page', () => {
  it('shows the counts per sheet and says whether ISMAP-LIU is narrowed', () => {
    const ja = render(summary('narrowed'), 'ja');
    expect(ja).toContain('管理策基準');
    expect(ja).toContain('読み飛ばし');
    expect(ja).toContain('LIU の印が付いた詳細管理策 3 件に絞り込みます');
    expect(ja).toContain('4.9.2');
    const en = render(summary('noColumn'), 'en');
    expect(en).toContain('the workbook has no LIU column, so nothing is narrowed');
    expect(en).toContain('alert--warn');
    expect(render(summary('noMarks'), 'en')).toContain('the LIU column marks no detailed control');
  });
});
