// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StatusBar } from '../../src/renderer/features/assessment/StatusBar';
import { detail, fakeApi, initStrings, WithApi } from './support';

beforeAll(() => initStrings('ja'));
afterEach(cleanup);

const press = (key: string) =>
  act(() => {
    fireEvent.keyDown(document.activeElement ?? window, { key, bubbles: true, cancelable: true });
  });

function mount(status: 'draft' | 'final') {
  const fake = fakeApi(detail([]));
  const onChanged = vi.fn();
  render(
    <WithApi api={fake.api}>
      <StatusBar id="a" status={status} onChanged={onChanged} onSelect={() => {}} />
    </WithApi>,
  );
  return { ...fake, onChanged };
}

describe('the reopen reason (no window.prompt: Electron has none)', () => {
  it("asks in the app's own dialog, sends the reason with the status change, and Esc cancels with nothing sent", async () => {
    const { calls, onChanged } = mount('final');
    const reopen = screen.getByRole('button', { name: '再開する' });
    reopen.focus();
    fireEvent.click(reopen);
    const dialog = screen.getByRole('dialog', { name: '確定済みのアセスメントを再開' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const reason = screen.getByRole('textbox');
    expect(document.activeElement).toBe(reason);
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(reopen);
    expect(calls.filter((c) => c.channel === 'assessments.setStatus')).toEqual([]);

    fireEvent.click(reopen);
    const submit = screen
      .getAllByRole('button', { name: '再開する' })
      .find((b) => b.getAttribute('name') === 'confirmReopen') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '監査指摘への追記のため' } });
    fireEvent.click(submit);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.filter((c) => c.channel === 'assessments.setStatus').map((c) => c.input)).toEqual([
      { id: 'a', status: 'draft', note: '監査指摘への追記のため' },
    ]);
  });

  it('the quality check opens in the same dialog and Esc closes it', async () => {
    mount('draft');
    fireEvent.click(screen.getByRole('button', { name: '品質チェック' }));
    const dialog = await screen.findByRole('dialog', { name: '確定前の品質チェック' });
    expect(dialog.textContent).toContain('問題は見つかりませんでした');
    press('Escape');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
