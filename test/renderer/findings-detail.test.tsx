// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { createRef } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';
import type { AnswerValue } from '../../src/core/catalog/format';
import { ControlDetail } from '../../src/renderer/features/assessment/ControlDetail';
import type { AnswerView } from '../../src/shared/api/types';
import { control, detail, fakeApi, initStrings, WithApi } from './support';

/** The PCI DSS v4.0.1 scale's shape: only In Place with CCW carries the worksheet (and needs a reason). */
const PCI: AnswerValue[] = [
  {
    value: 'in_place',
    label: { ja: '適合', en: 'In Place' },
    meaning: 'compliant',
    score: 1,
    justification: 'optional',
  },
  {
    value: 'in_place_ccw',
    label: { ja: '代替コントロールで適合', en: 'In Place with CCW' },
    meaning: 'compliant',
    score: 1,
    justification: 'required',
    worksheet: 'ccw',
  },
  {
    value: 'not_in_place',
    label: { ja: '不適合', en: 'Not in Place' },
    meaning: 'noncompliant',
    score: 0,
    justification: 'optional',
  },
];
const answer = (fields: Partial<AnswerView>): AnswerView => ({
  ...EMPTY_ANSWER,
  controlId: '8.3.6',
  controlKey: '8.3.6',
  revision: 1,
  updatedAt: '2026-12-04T00:00:00Z',
  updatedBy: 'sato',
  ...fields,
});

beforeAll(() => initStrings('ja'));
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  void i18next.changeLanguage('ja');
});

function mount(a: AnswerView | undefined) {
  const shown = control('8.3.6');
  const { api } = fakeApi(detail([shown]));
  const onSave = vi.fn();
  render(
    <WithApi api={api}>
      <ControlDetail
        assessmentId="a"
        control={shown}
        controlKey="8.3.6"
        answer={a}
        scale={PCI}
        locked={false}
        evidence={[]}
        suggestions={[]}
        onSave={onSave}
        onEvidenceChanged={() => {}}
        commentRef={createRef()}
        fileRef={createRef()}
      />
    </WithApi>,
  );
  return { onSave };
}
const worksheet = () => screen.queryByRole('group', { name: '代替コントロールワークシート（CCW）' });
const severity = () => screen.queryByRole('combobox', { name: '重大度' }) as HTMLSelectElement | null;

describe('the compensating-control worksheet in the control detail', () => {
  it('appears only for the value marked worksheet: ccw, with its six labelled fields', () => {
    mount(answer({ value: 'in_place' }));
    expect(worksheet()).toBeNull();
    cleanup();
    mount(answer({ value: 'not_in_place' }));
    expect(worksheet()).toBeNull();
    cleanup();
    mount(answer({ value: 'in_place_ccw', justification: '旧システムの制約' }));
    expect(worksheet()).not.toBeNull();
    for (const label of ['制約', '本来の目的', '特定したリスク', '代替コントロールの内容', '検証方法', '維持方法'])
      expect(screen.getByRole('textbox', { name: label })).toBeTruthy();
  });

  it('also while the CCW value waits for its reason, and saves what is typed into a field', async () => {
    mount(undefined);
    expect(worksheet()).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /代替コントロールで適合/ }));
    expect(worksheet()).not.toBeNull();
    cleanup();
    const { onSave } = mount(answer({ value: 'in_place_ccw', justification: '旧システムの制約' }));
    fireEvent.change(screen.getByRole('textbox', { name: '特定したリスク' }), {
      target: { value: '短いパスワードの総当たり' },
    });
    await act(() => vi.advanceTimersByTimeAsync(800)); // the text save delay, as for any text
    expect(onSave).toHaveBeenCalledWith({ controlId: '8.3.6', ccwRisk: '短いパスワードの総当たり' });
  });

  it('is labelled in English too', async () => {
    await i18next.changeLanguage('en');
    mount(answer({ value: 'in_place_ccw', justification: 'legacy system' }));
    expect(screen.getByRole('group', { name: 'Compensating control worksheet (CCW)' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Definition of the compensating control' })).toBeTruthy();
  });
});

describe('the severity of a finding', () => {
  it('is offered (高/中/低) for a finding only, and a choice is saved at once', () => {
    mount(answer({ value: 'in_place' }));
    expect(severity()).toBeNull();
    cleanup();
    const { onSave } = mount(answer({ value: 'not_in_place' }));
    const select = severity() as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['未設定', '高', '中', '低']);
    fireEvent.change(select, { target: { value: 'high' } });
    expect(onSave).toHaveBeenCalledWith({ controlId: '8.3.6', severity: 'high' });
    fireEvent.change(select, { target: { value: '' } });
    expect(onSave).toHaveBeenLastCalledWith({ controlId: '8.3.6', severity: null });
  });
});
