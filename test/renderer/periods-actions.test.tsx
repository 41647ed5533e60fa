// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { AssessmentActions, EmptyTrashButton } from '../../src/renderer/features/periods/AssessmentActions';
import type { AssessmentSummary } from '../../src/shared/api/types';
import { initStrings, WithApi } from './support';

beforeAll(() => initStrings('ja'));
afterEach(cleanup);

const summary = (extra: Partial<AssessmentSummary> = {}) =>
  ({ id: '00000000-0000-4000-8000-000000000001', name: 'PCI 2025', ...extra }) as AssessmentSummary;

function fake() {
  const calls: { channel: string; input: unknown }[] = [];
  const api = {
    call: (channel: string, input: unknown) => {
      calls.push({ channel, input });
      return Promise.resolve(
        channel === 'assessments.emptyTrash' ? { deleted: 2 } : summary({ id: '00000000-0000-4000-8000-000000000002' }),
      );
    },
  } as unknown as ApiClient;
  return { api, calls };
}

describe('housekeeping from the home list', () => {
  it('carries forward with the name and period typed in the dialog', async () => {
    const { api, calls } = fake();
    render(
      <WithApi api={api}>
        <AssessmentActions a={summary()} onChanged={() => {}} />
      </WithApi>,
    );
    fireEvent.click(screen.getByRole('button', { name: '「PCI 2025」の操作' }));
    const dialog = screen.getByRole('dialog', { name: '「PCI 2025」の操作' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const name = screen.getByRole('textbox', { name: '新しい評価の名前' }) as HTMLInputElement;
    expect(name.value).toBe('PCI 2025（次期）');
    fireEvent.change(screen.getByRole('textbox', { name: '期間の開始（YYYY-MM-DD）' }), {
      target: { value: '2026-04-01' },
    });
    fireEvent.click(screen.getByRole('button', { name: '引き継いで作成' }));
    await waitFor(() => expect(calls.map((c) => c.channel)).toEqual(['assessments.carryForward']));
    expect(calls[0]?.input).toEqual({
      from: summary().id,
      name: 'PCI 2025（次期）',
      periodStart: '2026-04-01',
      periodEnd: null,
    });
  });

  it('empties the trash only after the question is answered; cancel sends nothing', async () => {
    const { api, calls } = fake();
    const onDone = vi.fn();
    render(
      <WithApi api={api}>
        <EmptyTrashButton count={2} onDone={onDone} />
      </WithApi>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'ごみ箱を空にする' }));
    expect(screen.getByRole('alertdialog', { name: 'ごみ箱を空にしますか？' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'ごみ箱を空にする' }));
    fireEvent.click(screen.getByRole('button', { name: '2 件を完全に削除' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.map((c) => c.channel)).toEqual(['assessments.emptyTrash']);
  });

  it('offers only restore for an assessment in the trash', () => {
    const { api } = fake();
    render(
      <WithApi api={api}>
        <AssessmentActions a={summary({ trashedAt: '2026-12-03T00:00:00Z' })} onChanged={() => {}} />
      </WithApi>,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['元に戻す']);
  });
});
