// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { AtRestNotice } from '../../src/renderer/features/home/AtRestNotice';
import { call } from '../../src/main/api/dispatch';
import { freshRuntime } from '../support/workspace';
import { initStrings, WithApi, type Call } from './support';

beforeAll(() => initStrings('ja'));
afterEach(() => cleanup());

function mount(opts: { portable?: boolean; dismissed?: boolean; readOnly?: 'file' | null } = {}) {
  const calls: Call[] = [];
  let dismissed = opts.dismissed ?? false;
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'app.info') return { portable: opts.portable ?? false, readOnly: opts.readOnly ?? null };
      if (channel === 'settings.get') return { language: 'ja', atRestNoticeDismissed: dismissed };
      if (channel === 'settings.update') {
        dismissed = input.atRestNoticeDismissed === true;
        return { language: 'ja', atRestNoticeDismissed: dismissed };
      }
      throw new Error(`fake API: ${channel} not expected`);
    }) as ApiClient['call'],
  };
  const view = render(
    <WithApi api={api}>
      <AtRestNotice />
    </WithApi>,
  );
  return { calls, view, api };
}

describe('first-run notice: the workspace is as safe as its disk', () => {
  it('says so on the start screen in Japanese, names full-disk encryption, and goes away for good when dismissed', async () => {
    const { calls } = mount();
    const notice = await screen.findByTestId('at-rest-notice');
    expect(notice.textContent).toMatch(/暗号化されていません/);
    expect(notice.textContent).toMatch(/BitLocker.*FileVault.*LUKS/);
    expect(notice.textContent).not.toMatch(/USB/);
    fireEvent.click(screen.getByRole('button', { name: /了解しました/ }));
    await waitFor(() => expect(screen.queryByTestId('at-rest-notice')).toBeNull());
    expect(calls.filter((c) => c.channel === 'settings.update').map((c) => c.input)).toEqual([
      { atRestNoticeDismissed: true },
    ]);
  });

  it('in portable mode also asks for an encrypted USB stick; in English too', async () => {
    await i18next.changeLanguage('en');
    try {
      mount({ portable: true });
      const notice = await screen.findByTestId('at-rest-notice');
      expect(notice.textContent).toMatch(/not encrypted/);
      expect(notice.textContent).toMatch(/portable mode.*USB stick/);
    } finally {
      await i18next.changeLanguage('ja');
    }
  });

  it('is not shown once dismissed, and offers no button where the dismissal cannot be kept', async () => {
    mount({ dismissed: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('at-rest-notice')).toBeNull();
    cleanup();
    mount({ readOnly: 'file' });
    await screen.findByTestId('at-rest-notice');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('keeps the dismissal in the workspace settings (the service)', async () => {
    const rt = await freshRuntime();
    expect(await call(rt.ctx, 'settings.get', {})).toMatchObject({ atRestNoticeDismissed: false });
    await call(rt.ctx, 'settings.update', { atRestNoticeDismissed: true });
    expect(await call(rt.ctx, 'settings.get', {})).toMatchObject({ atRestNoticeDismissed: true });
    await expect(call(rt.ctx, 'settings.update', { atRestNoticeDismissed: false } as never)).rejects.toMatchObject({
      code: 'bad_input',
    });
  });
});
