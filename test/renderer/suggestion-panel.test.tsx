import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/core/catalog/format';
import type { SuggestionView } from '../../src/shared/api/types';
import { createI18n, type UiLanguage } from '../../src/shared/i18n';
import { ApiContext } from '../../src/renderer/api/context';
import type { ApiClient } from '../../src/renderer/api/client';
import { SuggestionPanel } from '../../src/renderer/features/assessment/SuggestionPanel';

const scale: AnswerValue[] = [
  {
    value: 'implemented',
    label: { ja: '実施', en: 'Implemented' },
    meaning: 'compliant',
    score: 1,
    justification: 'optional',
  },
  {
    value: 'partial',
    label: { ja: '一部実施', en: 'Partially implemented' },
    meaning: 'partial',
    score: 0.5,
    justification: 'optional',
  },
];
const suggestion = (over: Partial<SuggestionView> = {}): SuggestionView => ({
  controlKey: '5.1.1',
  relation: 'intersect',
  mappingId: 'meti-cloud-2013--ismap',
  provenance: 'own-analysis',
  rationale: { ja: '利用者側と事業者側で立場が異なる。', en: 'User side versus provider side.' },
  source: {
    assessmentId: 'a',
    assessmentName: '利用者点検',
    catalogId: 'meti-cloud-2013',
    version: '2013',
    controlId: '5.1.1',
    controlKey: 'meti-cloud-2013:5.1.1',
    title: { ja: '方針', en: 'Policy' },
    value: 'implemented',
    valueLabel: { ja: '実施済', en: 'Implemented' },
    answeredAt: '2026-12-01T00:00:00.000Z',
  },
  proposedValue: 'partial',
  ...over,
});
const render = (lang: UiLanguage, s: SuggestionView) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(lang)}>
      <ApiContext.Provider value={{} as ApiClient}>
        <SuggestionPanel
          assessmentId="x"
          suggestions={[s]}
          scale={scale}
          locked={false}
          answered={false}
          onAccept={() => undefined}
        />
      </ApiContext.Provider>
    </I18nextProvider>,
  );

describe('a suggestion on the answering screen', () => {
  it('says how the controls relate, why, and where the mapping comes from (ja and en)', () => {
    const ja = render('ja', suggestion());
    expect(ja).toContain('関係');
    expect(ja).toContain('一部が重なる管理策');
    expect(ja).toContain('最大でも「一部実施」');
    expect(ja).toContain('利用者側と事業者側で立場が異なる。');
    expect(ja).toContain('独自の分析（公式の対応表ではない）');
    expect(ja).toContain('meti-cloud-2013--ismap');
    const en = render('en', suggestion());
    expect(en).toContain('Relation');
    expect(en).toContain('Partly overlapping control');
    expect(en).toContain('User side versus provider side.');
    expect(en).toContain('own analysis (not an official correspondence)');
  });

  it('does not warn of a partial-only proposal where the mapping carries the full result', () => {
    const en = render('en', suggestion({ relation: 'equal', provenance: 'official', proposedValue: 'implemented' }));
    expect(en).toContain('Equivalent control');
    expect(en).toContain('Official correspondence table');
    expect(en).not.toContain('at most');
  });
});
