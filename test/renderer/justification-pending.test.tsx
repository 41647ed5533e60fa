// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchBreaks, planAnswerKey, planChoice } from '../../src/renderer/features/assessment/answer-intent';
import { ControlDetail, type ControlDetailHandle } from '../../src/renderer/features/assessment/ControlDetail';
import type { AnswerView } from '../../src/shared/api/types';
import { control, detail, fakeApi, initStrings, SCALE, WithApi } from './support';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';

beforeAll(() => initStrings('ja'));
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('one rule for every way of choosing an answer', () => {
  it('a value that needs a justification is held for the reason unless the answer already has one', () => {
    expect(planChoice(SCALE, undefined, 'implemented')).toEqual({ kind: 'save', value: 'implemented' });
    expect(planChoice(SCALE, undefined, 'excluded')).toEqual({ kind: 'needReason', value: 'excluded' });
    expect(planChoice(SCALE, { justification: '   ' }, 'excluded')).toEqual({ kind: 'needReason', value: 'excluded' });
    expect(planChoice(SCALE, { justification: '範囲外' }, 'excluded')).toEqual({ kind: 'save', value: 'excluded' });
    expect(planChoice(SCALE, { value: 'excluded', justification: '範囲外' }, null)).toEqual({
      kind: 'save',
      value: null,
    });
  });

  it('a number key with rows selected asks first, naming how many and whether a reason is needed', () => {
    expect(planAnswerKey(SCALE, 3, 0)).toEqual({ kind: 'choose', value: 'excluded' });
    expect(planAnswerKey(SCALE, 3, 2)).toEqual({
      kind: 'confirmBatch',
      value: 'excluded',
      count: 2,
      needsReason: true,
    });
    expect(planAnswerKey(SCALE, 0, 2)).toEqual({
      kind: 'confirmBatch',
      value: 'implemented',
      count: 2,
      needsReason: false,
    });
    expect(planAnswerKey(SCALE, null, 5)).toEqual({ kind: 'confirmBatch', value: null, count: 5, needsReason: false });
    expect(planAnswerKey(SCALE, 6, 0)).toEqual({ kind: 'none' }); // no 7th answer in this catalog
  });

  it('a batch is allowed only when every selected row keeps the rules (its own reason counts)', () => {
    const rows = [undefined, { value: 'excluded', justification: '委託先が管理' }];
    expect(batchBreaks(SCALE, rows, 'excluded', '')).toBe(1);
    expect(batchBreaks(SCALE, rows, 'excluded', '  ')).toBe(1);
    expect(batchBreaks(SCALE, rows, 'excluded', '範囲外')).toBe(0);
    expect(batchBreaks(SCALE, rows, 'implemented', '')).toBe(0);
    expect(batchBreaks(SCALE, rows, null, '')).toBe(0);
  });
});

function mount(answer?: AnswerView, shown = control('5.1.1')) {
  const { api } = fakeApi(detail([shown]));
  const onSave = vi.fn();
  const handle = createRef<ControlDetailHandle>();
  render(
    <WithApi api={api}>
      <ControlDetail
        assessmentId="a"
        control={shown}
        controlKey={shown.controlId}
        answer={answer}
        scale={SCALE}
        locked={false}
        evidence={[]}
        suggestions={[]}
        onSave={onSave}
        onEvidenceChanged={() => {}}
        commentRef={createRef()}
        fileRef={createRef()}
        handle={handle}
      />
    </WithApi>,
  );
  return { onSave, handle };
}
const option = (label: string) => screen.getByRole('radio', { name: new RegExp(label) });
const reasonField = () => document.querySelector('textarea[name="justification"]') as HTMLTextAreaElement | null;

describe('choosing 除外 for the control on screen', () => {
  it('opens and focuses the reason field with 除外 pending, sends nothing, and saves value and reason together once typed', async () => {
    const { onSave } = mount();
    expect(reasonField()).toBeNull();
    fireEvent.click(option('除外'));
    expect(onSave).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(reasonField());
    expect(option('除外').getAttribute('data-pending')).toBe('true');
    expect(option('除外').getAttribute('aria-checked')).toBe('false'); // pending, not chosen
    expect(screen.getByRole('status').textContent).toContain('「除外」は理由を入力すると保存されます');
    // Leaving the field without a reason sends nothing either.
    fireEvent.blur(reasonField() as HTMLTextAreaElement);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.change(reasonField() as HTMLTextAreaElement, { target: { value: '本サービスの範囲外' } });
    expect(onSave).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(800)); // the text save delay, as for any text
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith({ controlId: '5.1.1', value: 'excluded', justification: '本サービスの範囲外' });
    expect(option('除外').getAttribute('data-pending')).toBeNull();
  });

  it('the number key takes the same path (through the handle), Enter saves at once, Esc drops the pending value', async () => {
    const { onSave, handle } = mount();
    act(() => handle.current?.choose('excluded'));
    expect(onSave).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(reasonField());
    // Esc: the pending value and what was typed are dropped; nothing is ever sent.
    fireEvent.change(reasonField() as HTMLTextAreaElement, { target: { value: '途中' } });
    fireEvent.keyDown(reasonField() as HTMLTextAreaElement, { key: 'Escape' });
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.queryByRole('status')).toBeNull();
    expect(reasonField()).toBeNull(); // nothing left that needs a reason

    act(() => handle.current?.choose('excluded'));
    fireEvent.change(reasonField() as HTMLTextAreaElement, { target: { value: '委託先が管理' } });
    fireEvent.keyDown(reasonField() as HTMLTextAreaElement, { key: 'Enter' });
    expect(onSave).toHaveBeenCalledWith({ controlId: '5.1.1', value: 'excluded', justification: '委託先が管理' });
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onSave).toHaveBeenCalledTimes(1); // not sent a second time by the timer
  });

  it('a value that needs no reason is saved at once, and clicking the pending button again drops it', () => {
    const { onSave } = mount();
    fireEvent.click(option('除外'));
    fireEvent.click(option('除外'));
    expect(option('除外').getAttribute('data-pending')).toBeNull();
    fireEvent.click(option('一部実施'));
    expect(onSave).toHaveBeenCalledWith({ controlId: '5.1.1', value: 'partial' });
  });

  it('an answer that already has its reason takes 除外 at once; emptying the reason of a stored 除外 is not sent', async () => {
    const stored: AnswerView = {
      controlId: '5.1.1',
      controlKey: '5.1.1',
      ...EMPTY_ANSWER,
      value: 'partial',
      justification: '範囲外の設備',
      updatedAt: '2026-12-03T00:00:00Z',
      updatedBy: 'x',
      revision: 1,
    };
    const first = mount(stored);
    fireEvent.click(option('除外'));
    expect(first.onSave).toHaveBeenCalledWith({ controlId: '5.1.1', value: 'excluded' });
    cleanup();

    const { onSave } = mount({ ...stored, value: 'excluded' });
    fireEvent.change(reasonField() as HTMLTextAreaElement, { target: { value: '' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'コメント' }), { target: { value: '確認済み' } });
    await act(() => vi.advanceTimersByTimeAsync(800));
    // The comment is saved; the emptied justification is kept back (the service would refuse the whole save).
    expect(onSave).toHaveBeenCalledWith({ controlId: '5.1.1', comment: '確認済み' });
    expect(reasonField()?.className).toContain('is-missing');
  });
});

describe('a control the catalog does not let be excluded', () => {
  it('offers no exclusion: the button is off, and the key (choose) writes nothing and says why', () => {
    const { onSave, handle } = mount(undefined, control('4.3.1', { excludable: false }));
    expect((option('除外') as HTMLButtonElement).disabled).toBe(true);
    expect((option('一部実施') as HTMLButtonElement).disabled).toBe(false);
    act(() => handle.current?.choose('excluded'));
    expect(onSave).not.toHaveBeenCalled();
    expect(reasonField()).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('除外できません');
  });
});
