// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiCallError, type ApiClient } from '../../src/renderer/api/client';
import { EditDetails } from '../../src/renderer/features/assessment/DetailsDialog';
import type { AssessmentDetail } from '../../src/shared/api/types';
import { control, detail, initStrings, WithApi, type Call } from './support';

beforeAll(() => initStrings('ja'));
afterEach(cleanup);

const press = (key: string) =>
  act(() => {
    fireEvent.keyDown(document.activeElement ?? window, { key, bubbles: true, cancelable: true });
  });

const SAQ = { id: 'saq-a', label: { ja: 'SAQ A', en: 'SAQ A' } };

function mount(extra: Partial<AssessmentDetail>, update: (input: Record<string, unknown>) => unknown = () => ({})) {
  const d = detail([control('1.1')], {
    name: '2026年度 点検',
    organization: { id: 'o1', name: '株式会社サンプル', contact: '情報システム部' },
    scope: '本社',
    assessors: '佐藤 花子',
    periodStart: '2026-06-01',
    periodEnd: '2026-07-31',
    profiles: [SAQ],
    ...extra,
  });
  const calls: Call[] = [];
  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    'organizations.list': () => [{ id: 'o1', name: '株式会社サンプル', contact: '情報システム部', assessmentCount: 1 }],
    'catalogs.list': () => [
      {
        ref: 1,
        catalogId: 'ismap',
        assessableCount: 1,
        profiles: [
          {
            ...SAQ,
            kind: 'merchant',
            itemCount: 1,
            eligibility: [{ ja: '条件その1', en: 'Criterion 1' }],
            description: null,
            source: null,
          },
        ],
      },
    ],
    'assessments.update': update,
    'audit.history': (input) =>
      input.entity === 'assessment'
        ? [
            {
              seq: 9,
              at: '2026-12-03T11:05:00Z',
              actor: '佐藤 花子',
              action: 'assessment.update',
              entity: 'assessment',
              entityId: 'a',
              oldValue: { name: '仮の名前', periodEnd: null },
              newValue: { name: '2026年度 点検', periodEnd: '2026-07-31' },
            },
            {
              seq: 2,
              at: '2026-12-01T00:00:00Z',
              actor: '佐藤 花子',
              action: 'assessment.create',
              entity: 'assessment',
              entityId: 'a',
              oldValue: null,
              newValue: { name: '仮の名前' },
            },
          ]
        : [],
  };
  const api: ApiClient = {
    call: (async (channel: string, input: unknown) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      const h = handlers[channel];
      if (!h) throw new Error(`fake API: ${channel} not expected`);
      return h(input as Record<string, unknown>);
    }) as ApiClient['call'],
  };
  const onSaved = vi.fn();
  render(
    <WithApi api={api}>
      <EditDetails detail={d} onSaved={onSaved} />
    </WithApi>,
  );
  return {
    d,
    calls,
    onSaved,
    updates: () => calls.filter((c) => c.channel === 'assessments.update').map((c) => c.input),
  };
}

const field = (name: string) => document.querySelector(`[name="${name}"]`) as HTMLInputElement;

describe("edit details (the app's own dialog, no window.prompt)", () => {
  it('opens with the current details, sends only what changed, and closes once saved', async () => {
    const { d, onSaved, updates } = mount({});
    const open = screen.getByRole('button', { name: '詳細を編集' });
    open.focus();
    fireEvent.click(open);
    const dialog = screen.getByRole('dialog', { name: 'アセスメントの詳細を編集' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(field('name'));
    expect([
      field('name').value,
      field('organization').value,
      field('organizationContact').value,
      field('assessors').value,
      field('periodStart').value,
    ]).toEqual(['2026年度 点検', '株式会社サンプル', '情報システム部', '佐藤 花子', '2026-06-01']);
    expect(dialog.textContent).toContain('履歴に記録');

    fireEvent.change(field('name'), { target: { value: '2026年度 点検（改） ' } });
    fireEvent.change(field('assessors'), { target: { value: '佐藤 花子、田中 誠' } });
    fireEvent.change(field('periodEnd'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(updates()).toEqual([
      { id: d.id, name: '2026年度 点検（改）', assessors: '佐藤 花子、田中 誠', periodEnd: null },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a refusal in Japanese inside the dialog and keeps what was typed; Esc then closes it with nothing saved', async () => {
    const { d, onSaved, updates } = mount({}, () => {
      throw new ApiCallError({
        code: 'conflict',
        key: 'profileChangeHasAnswers',
        params: { profile: 'saq-a', count: 3 },
      } as never);
    });
    const open = screen.getByRole('button', { name: '詳細を編集' });
    open.focus();
    fireEvent.click(open);
    fireEvent.change(field('profile'), { target: { value: 'saq-a' } });
    // A newly chosen SAQ asks for its eligibility criteria first, as at creation.
    const save = screen.getByRole('button', { name: '保存' }) as HTMLButtonElement;
    await screen.findByText('条件その1');
    expect(save.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox'));
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('3 件');
    expect(alert.textContent).toContain('saq-a');
    expect(updates()).toEqual([{ id: d.id, profile: 'saq-a', catalog: 'ismap' }]);
    expect(field('profile').value).toBe('saq-a');
    expect(onSaved).not.toHaveBeenCalled();
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('refuses a period that ends before it starts without asking the service, and saves nothing when nothing changed', async () => {
    const { onSaved, updates } = mount({});
    fireEvent.click(screen.getByRole('button', { name: '詳細を編集' }));
    fireEvent.change(field('periodEnd'), { target: { value: '2026-05-01' } });
    expect(screen.getByRole('alert').textContent).toContain('開始日');
    expect((screen.getByRole('button', { name: '保存' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field('periodEnd'), { target: { value: '2026-07-31' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(updates()).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('lists the recorded changes of the details, old → new, who and when', async () => {
    const { calls } = mount({});
    fireEvent.click(screen.getByRole('button', { name: '詳細を編集' }));
    fireEvent.click(screen.getByText('これまでの変更'));
    const item = await screen.findByText('アセスメント名: 仮の名前 → 2026年度 点検');
    expect(item.closest('li')?.parentElement?.closest('li')?.textContent).toContain('佐藤 花子');
    expect(screen.getByText('評価期間（終了）: — → 2026-07-31')).toBeTruthy();
    expect(calls.find((c) => c.channel === 'audit.history')?.input).toMatchObject({ entity: 'assessment' });
  });

  it('is locked on a final assessment', () => {
    mount({ status: 'final' });
    const open = screen.getByRole('button', { name: '詳細を編集' }) as HTMLButtonElement;
    expect(open.disabled).toBe(true);
    expect(open.title).toContain('確定済み');
  });
});
