// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';
import { evidenceCounts, visibleControls, type FilterState } from '../../src/renderer/features/assessment/filters';
import { topAncestors } from '../../src/renderer/features/assessment/model';
import { useAnswerSaver } from '../../src/renderer/features/assessment/use-answer-saver';
import type { AnswerView } from '../../src/shared/api/types';
import { control, detail, fakeApi, SCALE, WithApi } from './support';

const controls = [
  control('5', { assessable: false }),
  control('5.1', { parentId: '5', depth: 1, tags: ['cloud'] }),
  control('5.2', { parentId: '5', depth: 1, title: { ja: '暗号鍵の管理', en: 'Key management' } }),
  control('6', { assessable: false }),
  control('6.1', { parentId: '6', depth: 1 }),
  control('6.2', { parentId: '6', depth: 1, applicable: false }),
];
const answer = (controlId: string, over: Partial<AnswerView>): AnswerView => ({
  controlId,
  controlKey: controlId,
  ...EMPTY_ANSWER,
  updatedAt: '2026-12-03T00:00:00Z',
  updatedBy: 'u',
  revision: 1,
  ...over,
});
const answers = new Map([
  ['5.1', answer('5.1', { value: 'not_implemented' })],
  ['6.1', answer('6.1', { value: 'implemented', markedForReview: true })],
]);
const scale = new Map(SCALE.map((s) => [s.value, s]));
const tops = topAncestors(controls);
const evidence = evidenceCounts([{ controlKeys: ['6.1', 'other:6.1'] }], (k) => (k.includes(':') ? null : k));
const ids = (f: Partial<FilterState>) =>
  visibleControls(controls, answers, scale, tops, evidence, {
    filter: 'all',
    tag: null,
    query: '',
    group: null,
    ...f,
  }).map((c) => c.controlId);

describe('the answering list filters', () => {
  it('shows everything that applies, headings included, and never a control outside the profile', () => {
    expect(ids({})).toEqual(['5', '5.1', '5.2', '6', '6.1']);
  });

  it('narrows by answer state, review mark and evidence (a narrowed list shows controls only, no headings)', () => {
    expect(ids({ filter: 'unanswered' })).toEqual(['5.2']);
    expect(ids({ filter: 'notCompliant' })).toEqual(['5.1']);
    expect(ids({ filter: 'marked' })).toEqual(['6.1']);
    expect(ids({ filter: 'withEvidence' })).toEqual(['6.1']);
    expect(ids({ filter: 'withoutEvidence' })).toEqual(['5.1', '5.2']);
  });

  it('narrows by tag and text (width- and case-insensitive); a group keeps its headings', () => {
    expect(ids({ tag: 'cloud' })).toEqual(['5.1']);
    expect(ids({ query: 'ＫＥＹ' })).toEqual(['5.2']);
    expect(ids({ query: '暗号' })).toEqual(['5.2']);
    expect(ids({ group: '6' })).toEqual(['6', '6.1']);
  });

  it('counts evidence per control of the catalog on screen only', () => {
    expect([...evidence]).toEqual([['6.1', 1]]);
  });
});

describe('the answer saver', () => {
  it('saves in the order the changes were made, a later one never overtaking an earlier one, and says when it is stored', async () => {
    const { api } = fakeApi(detail(controls));
    const order: string[] = [];
    const release: (() => void)[] = [];
    const call = api.call.bind(api);
    // The first save is slow: the second must still reach the service after it.
    vi.spyOn(api, 'call').mockImplementation(async (channel: string, input: unknown) => {
      if (channel === 'answers.set') {
        const key = (input as { controlKey: string; comment?: string }).comment ?? '';
        if (key === 'first') await new Promise<void>((r) => release.push(r));
        order.push(key);
      }
      return call(channel as never, input as never);
    });
    const onSaved = vi.fn();
    const { result } = renderHook(() => useAnswerSaver('9c07104c-5e95-47e7-82f6-0a91cff01923', '', onSaved), {
      wrapper: ({ children }) => <WithApi api={api}>{children}</WithApi>,
    });
    let first!: Promise<void>;
    let second!: Promise<void>;
    act(() => {
      first = result.current.save({ controlId: '5.1', comment: 'first' });
      second = result.current.save({ controlId: '5.1', comment: 'second' });
    });
    expect(result.current.state.kind).toBe('saving');
    await vi.waitFor(() => expect(release).toHaveLength(1));
    release[0]?.();
    await act(async () => {
      await first;
      await second;
    });
    expect(order).toEqual(['first', 'second']);
    expect(onSaved).toHaveBeenCalledTimes(2);
    expect(result.current.state.kind).toBe('saved');
  });

  it('shows a refused save as an error and keeps going with the next change', async () => {
    const { api } = fakeApi(detail(controls));
    const { result } = renderHook(() => useAnswerSaver('9c07104c-5e95-47e7-82f6-0a91cff01923', '', vi.fn()), {
      wrapper: ({ children }) => <WithApi api={api}>{children}</WithApi>,
    });
    // The fake API refuses what the service refuses: 除外 without a reason.
    await act(async () => {
      await result.current.save({ controlId: '5.2', value: 'excluded' });
    });
    expect(result.current.state.kind).toBe('error');
    await act(async () => {
      await result.current.save({ controlId: '5.2', value: 'implemented' });
    });
    expect(result.current.state.kind).toBe('saved');
  });
});
