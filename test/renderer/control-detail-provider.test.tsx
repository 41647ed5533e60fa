// @vitest-environment jsdom
import { createRef } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/core/catalog/format';
import type { ControlView } from '../../src/shared/api/types';
import { createI18n, type UiLanguage } from '../../src/shared/i18n';
import { ApiContext } from '../../src/renderer/api/context';
import type { ApiClient } from '../../src/renderer/api/client';
import { ControlDetail } from '../../src/renderer/features/assessment/ControlDetail';

const scale: AnswerValue[] = [
  {
    value: 'implemented',
    label: { ja: '実施済', en: 'Implemented' },
    meaning: 'compliant',
    score: 1,
    justification: 'optional',
  },
];
const control = (providerGuidance: ControlView['providerGuidance']): ControlView => ({
  controlId: '10.5.1',
  parentId: '10.5',
  depth: 2,
  assessable: true,
  mandatory: true,
  title: { ja: 'バックアップ', en: 'Backups' },
  description: { ja: '重要な情報をバックアップする。', en: 'Back up important information.' },
  guidance: { ja: '復元テストの記録を確かめる。', en: 'Check restore test records.' },
  providerGuidance,
  evidence: null,
  tags: [],
  unverified: null,
  applicable: true,
  weight: null,
  excludable: true,
});
const render = (lang: UiLanguage, c: ControlView) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(lang)}>
      <ApiContext.Provider value={{} as ApiClient}>
        <ControlDetail
          assessmentId="x"
          control={c}
          controlKey={c.controlId}
          answer={undefined}
          scale={scale}
          locked={false}
          evidence={[]}
          suggestions={[]}
          onSave={() => undefined}
          onEvidenceChanged={() => undefined}
          commentRef={createRef()}
          fileRef={createRef()}
        />
      </ApiContext.Provider>
    </I18nextProvider>,
  );

describe('the answering screen', () => {
  it('shows the provider guidance as its own labelled block after the user-side guidance', () => {
    const html = render(
      'ja',
      control({ ja: '事業者のバックアップの範囲を確かめる。', en: "Confirm the provider's backup scope." }),
    );
    const guidanceAt = html.indexOf('確認の観点');
    const providerAt = html.indexOf('事業者に求める・確認すること');
    expect(guidanceAt).toBeGreaterThan(0);
    expect(providerAt).toBeGreaterThan(guidanceAt);
    expect(html.indexOf('事業者のバックアップの範囲を確かめる。')).toBeGreaterThan(providerAt);
    expect(render('en', control({ en: "Confirm the provider's backup scope." }))).toContain(
      'What to ask of or confirm with the provider',
    );
  });

  it('has no provider block for a control without provider guidance', () => {
    expect(render('ja', control(null))).not.toContain('事業者に求める・確認すること');
  });
});
