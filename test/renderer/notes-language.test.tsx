// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentPage } from '../../src/renderer/features/assessment/AssessmentPage';
import { control, detail, fakeApi, initStrings, stubLayout, WithApi } from './support';

beforeAll(() => stubLayout());
afterEach(cleanup);

const NOTE = '項目 ID は二次情報による。名称は未確認。 / Item IDs come from a secondary source. Titles are unverified.';

async function open(lang: 'ja' | 'en') {
  initStrings(lang);
  const d = detail([control('5.1.1', { unverified: NOTE })]);
  render(
    <WithApi api={fakeApi(d).api}>
      <AssessmentPage id={d.id} />
    </WithApi>,
  );
  await screen.findByRole('listbox');
  await waitFor(() => expect(document.querySelector('.detail__unverified')).not.toBeNull());
  return document.querySelector('.detail__unverified')?.textContent ?? '';
}

describe('a bilingual 未検証 note on the answering screen', () => {
  it('shows only the Japanese half in Japanese', async () => {
    const text = await open('ja');
    expect(text).toContain('項目 ID は二次情報による。名称は未確認。');
    expect(text).not.toContain('secondary source');
  });

  it('shows only the English half in English', async () => {
    const text = await open('en');
    expect(text).toContain('Item IDs come from a secondary source. Titles are unverified.');
    expect(text).not.toContain('二次情報');
    initStrings('ja');
  });
});
