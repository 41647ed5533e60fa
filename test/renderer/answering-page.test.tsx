// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentPage } from '../../src/renderer/features/assessment/AssessmentPage';
import { takeUndoNote } from '../../src/renderer/features/assessment/undo-note';
import { href } from '../../src/renderer/navigation/routes';
import { control, detail, fakeApi, initStrings, stubLayout, WithApi } from './support';

beforeAll(() => {
  initStrings('ja');
  stubLayout();
});
afterEach(cleanup);

const CONTROLS = ['5.1.1', '5.1.2', '5.1.3', '5.1.4'].map((id) => control(id));

async function open() {
  const d = detail(CONTROLS);
  const fake = fakeApi(d);
  render(
    <WithApi api={fake.api}>
      <AssessmentPage id={d.id} />
    </WithApi>,
  );
  await screen.findByRole('listbox');
  await waitFor(() => expect(document.querySelector('.row.is-selected')).not.toBeNull());
  return fake;
}
const press = (key: string) =>
  act(() => {
    fireEvent.keyDown(document.activeElement ?? window, { key, bubbles: true, cancelable: true });
  });
const checkedRows = () => [...document.querySelectorAll('.row.is-checked')].map((r) => r.getAttribute('data-control'));
const selectedRow = () => document.querySelector('.row.is-selected')?.getAttribute('data-control');

describe('the answering screen with a batch selection', () => {
  it('a number key asks before answering the selected rows, 除外 needs the reason there, Esc closes and a second Esc clears', async () => {
    const fake = await open();
    press('x');
    press('j');
    press('x');
    expect(checkedRows()).toEqual(['5.1.1', '5.1.2']);
    expect(screen.getByRole('region', { name: '一括回答' }).textContent).toContain('2 件を選択中');

    press('4');
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('選択中の 2 件すべてに「除外」を回答します');
    const confirm = screen.getByRole('button', { name: '2 件に回答する' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(fake.writes()).toEqual([]);
    // Esc closes the confirmation only.
    press('Escape');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(checkedRows()).toEqual(['5.1.1', '5.1.2']);
    press('Escape');
    expect(checkedRows()).toEqual([]);
    expect(screen.queryByRole('region', { name: '一括回答' })).toBeNull();
    expect(fake.writes()).toEqual([]);
  });

  it('confirmed with a reason, the batch is one write; undo restores both, says what it undid and shows the control', async () => {
    const fake = await open();
    press('x');
    press('j');
    press('x');
    press('4');
    fireEvent.change(screen.getByRole('textbox', { name: /理由・根拠/ }), { target: { value: '委託先が管理' } });
    fireEvent.click(screen.getByRole('button', { name: '2 件に回答する' }));
    await waitFor(() => expect(fake.answers.get('5.1.2')?.value).toBe('excluded'));
    expect(fake.writes()).toEqual([
      {
        channel: 'answers.batch',
        input: expect.objectContaining({
          controlKeys: ['5.1.1', '5.1.2'],
          value: 'excluded',
          justification: '委託先が管理',
        }),
      },
    ]);
    expect(checkedRows()).toEqual([]); // the selection is done with
    expect(document.querySelector('.save-state--error')).toBeNull();

    press('j');
    press('j');
    expect(selectedRow()).toBe('5.1.4');
    press('u');
    await waitFor(() => expect(document.querySelector('.undo-note')).not.toBeNull());
    const note = document.querySelector('.undo-note')?.textContent ?? '';
    expect(note).toContain('元に戻しました');
    expect(note).toContain('5.1.2（除外 → 未回答）');
    expect(note).toContain('5.1.1（除外 → 未回答）');
    expect(fake.answers.get('5.1.1')?.value).toBeNull();
    expect(selectedRow()).not.toBe('5.1.4'); // the undone control is shown
  });

  it('the confirmation says how many selected rows the current filter hides', async () => {
    await open();
    press('x');
    press('j');
    press('x');
    const search = screen.getByRole('searchbox');
    fireEvent.change(search, { target: { value: '5.1.2' } });
    search.blur();
    press('1');
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('選択中の 2 件すべてに「実施」を回答します');
    expect(dialog.textContent).toContain('うち 1 件は、いまの絞り込みでは一覧に表示されていません');
  });

  it('0 with a selection asks first (focus on cancel) and clears only when confirmed, in one write', async () => {
    const fake = await open();
    press('1');
    await waitFor(() => expect(fake.answers.get('5.1.1')?.value).toBe('implemented'));
    press('x');
    press('j');
    press('x');
    press('0');
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('選択中の 2 件の回答を取り消し');
    expect(document.activeElement?.getAttribute('name')).toBe('cancelBatch');
    fireEvent.click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(fake.answers.get('5.1.1')?.value).toBe('implemented');
    press('0');
    fireEvent.click(screen.getByRole('button', { name: '2 件の回答を取り消す' }));
    await waitFor(() => expect(fake.answers.get('5.1.1')?.value).toBeNull());
    expect(fake.writes().map((c) => c.channel)).toEqual(['answers.set', 'answers.batch']);
  });

  it('without a selection, 4 opens the reason field for the control on screen and never sends a save that fails', async () => {
    const fake = await open();
    press('4');
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('justification'));
    expect(fake.writes()).toEqual([]);
    fireEvent.change(document.activeElement as HTMLTextAreaElement, { target: { value: '範囲外' } });
    fireEvent.keyDown(document.activeElement as HTMLTextAreaElement, { key: 'Enter' });
    await waitFor(() => expect(fake.answers.get('5.1.1')?.value).toBe('excluded'));
    expect(fake.answers.get('5.1.1')?.justification).toBe('範囲外');
    expect(document.querySelector('.save-state--error')).toBeNull();

    // Pending again on the next control, the field left with a click elsewhere: Esc on the page drops the value.
    press('j');
    press('4');
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('justification'));
    act(() => (document.activeElement as HTMLElement).blur());
    expect(document.querySelector('.answer-option[data-pending="true"]')).not.toBeNull();
    press('Escape');
    expect(document.querySelector('.answer-option[data-pending="true"]')).toBeNull();
    expect(fake.writes()).toHaveLength(1);
  });

  it('the key help dialog holds the keys: 1 answers nothing behind it, Esc closes it', async () => {
    const fake = await open();
    press('?');
    expect(screen.getByRole('dialog', { name: 'キー操作' })).toBeTruthy();
    press('1');
    press('x');
    expect(fake.writes()).toEqual([]);
    expect(checkedRows()).toEqual([]);
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    press('1');
    await waitFor(() => expect(fake.answers.get('5.1.1')?.value).toBe('implemented'));
  });

  it('an undo that reaches into another catalog opens that catalog at the control and carries what it undid', async () => {
    const d = detail(CONTROLS, {
      keyPrefix: 'pci-dss:',
      catalog: { ref: 2, catalogId: 'pci-dss', version: '4.0.1', title: { ja: 'PCI DSS', en: 'PCI DSS' } },
    });
    const fake = fakeApi(d);
    // The last change was made on the first catalog's page (a control without a prefix).
    await fake.api.call('answers.set', { assessmentId: d.id, controlKey: '5.1.1', value: 'implemented' });
    render(
      <WithApi api={fake.api}>
        <AssessmentPage id={d.id} catalog="pci-dss" />
      </WithApi>,
    );
    await waitFor(() => expect(document.querySelector('.row.is-selected')).not.toBeNull());
    press('u');
    await waitFor(() => expect(window.location.hash).toBe(href({ name: 'assessment', id: d.id, control: '5.1.1' })));
    expect(takeUndoNote()).toEqual({
      items: [{ controlKey: '5.1.1', from: 'implemented', to: null, fields: [] }],
      total: 1,
    });
  });
});
