// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerFieldsOf } from '../../src/core/assessment/answer-fields';
import type { MergePreview } from '../../src/core/exchange/merge-plan';
import { ApiCallError, type ApiClient } from '../../src/renderer/api/client';
import { HomePage } from '../../src/renderer/features/home/HomePage';
import { control, detail, initStrings, WithApi, type Call } from './support';

beforeAll(() => initStrings('ja'));
afterEach(cleanup);

const ID = '9c07104c-5e95-47e7-82f6-0a91cff01923';
const HEAD = 'a'.repeat(64);

const preview: MergePreview = {
  assessmentId: ID,
  name: 'テスト',
  outcome: 'merge',
  ours: { entries: 12, head: HEAD },
  theirs: { entries: 13, head: 'b'.repeat(64) },
  base: { entries: 10, head: 'c'.repeat(64), from: 'common' },
  incoming: { answers: ['5.1.2'], status: null, details: ['scope'], evidence: 1, links: 1, dismissals: 0 },
  oursOnly: 1,
  same: 0,
  conflicts: [
    {
      key: '5.1.1',
      kind: 'answer',
      ours: {
        value: 'partial',
        fields: answerFieldsOf({ value: 'partial', comment: '本社の見解' }),
        by: '本社 佐藤',
        at: '2026-12-03T01:00:00Z',
      },
      theirs: {
        value: 'implemented',
        fields: answerFieldsOf({ value: 'implemented', comment: '情シスの見解' }),
        by: '情シス 田中',
        at: '2026-12-03T02:00:00Z',
      },
    },
    {
      key: '@assessors',
      kind: 'detail',
      ours: { value: '内部監査室', fields: null, by: '本社 佐藤', at: '2026-12-03T01:00:00Z' },
      theirs: { value: '情報システム部', fields: null, by: '情シス 田中', at: '2026-12-03T02:00:00Z' },
    },
  ],
};

function fake() {
  const calls: Call[] = [];
  const api: ApiClient = {
    call: (async (channel: string, input: unknown) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      if (channel === 'assessments.list') return [];
      if (channel === 'assessments.import')
        throw new ApiCallError({ code: 'conflict', key: 'assessmentExists', params: { id: ID, name: 'テスト' } });
      if (channel === 'assessments.mergePreview') return preview;
      if (channel === 'assessments.get') return detail([control('5.1.1'), control('5.1.2')]);
      if (channel === 'assessments.merge') return { outcome: 'merged', assessment: { id: ID }, preview };
      throw new Error(`fake API: ${channel} not expected`);
    }) as ApiClient['call'],
  };
  return { api, calls };
}

describe('merging a copy from the start screen', () => {
  it('offers the merge instead of refusing, shows the conflicts side by side, and merges only once every conflict is chosen', async () => {
    const { api, calls } = fake();
    render(
      <WithApi api={api}>
        <HomePage />
      </WithApi>,
    );
    const input = document.querySelector('input[name="assessmentFile"]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, {
        target: { files: [new File(['{"format":"x"}'], 'copy.json', { type: 'application/json' })] },
      });
    });
    const dialog = await screen.findByRole('dialog', { name: 'このアセスメントのコピーをマージ' });
    await waitFor(() => expect(dialog.textContent).toContain('回答 1 件'));
    expect(dialog.textContent).toContain('証跡ファイル 1 件');
    expect(dialog.textContent).toContain('基本情報: 対象範囲');
    expect(dialog.textContent).toContain('競合: 2 件');
    // Side by side: the value as the scale names it, the comment, who.
    expect(dialog.textContent).toContain('一部実施');
    expect(dialog.textContent).toContain('情シスの見解');
    expect(dialog.textContent).toContain('情シス 田中');
    expect(dialog.textContent).toContain('評価者');
    expect(screen.queryByRole('alert')).toBeNull();

    const merge = screen.getByRole('button', { name: 'マージ' }) as HTMLButtonElement;
    expect(merge.disabled).toBe(true);
    // One conflict chosen by its radio (keyboard: a radio pair per row), then the rest in bulk.
    fireEvent.click(screen.getByRole('radio', { name: /5\.1\.1 の選択: コピー/ }));
    expect(merge.disabled).toBe(true);
    expect(dialog.textContent).toContain('未選択の競合: 1 件');
    fireEvent.click(screen.getByRole('button', { name: 'すべてこちら' }));
    expect(merge.disabled).toBe(false);
    fireEvent.click(screen.getByRole('radio', { name: /5\.1\.1 の選択: コピー/ }));
    fireEvent.click(merge);
    await waitFor(() => expect(window.location.hash).toContain(ID));
    const sent = calls.find((c) => c.channel === 'assessments.merge')?.input;
    expect(sent).toEqual({
      content: '{"format":"x"}',
      choices: { '5.1.1': 'theirs', '@assessors': 'ours' },
      expectOurs: HEAD,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
