// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { formatDateTime, setDisplayTimeZone } from '../../src/renderer/components/lang';
import { SettingsPage } from '../../src/renderer/features/settings/SettingsPage';
import type { Settings } from '../../src/shared/api/types';
import { initStrings, WithApi, type Call } from './support';

beforeAll(() => initStrings('ja'));
afterEach(() => {
  cleanup();
  setDisplayTimeZone(null);
});

const SETTINGS: Settings = {
  language: 'ja',
  userName: '佐藤',
  timeZone: 'Asia/Tokyo',
  timeZoneFollowsSystem: true,
  systemTimeZone: 'Asia/Tokyo',
};

function mount() {
  const calls: Call[] = [];
  let current = { ...SETTINGS };
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'app.info') return { version: '0', dataDir: '/tmp', schemaVersion: 1, shell: 'web' };
      if (channel === 'settings.update') {
        const zone = input.timeZone;
        current = {
          ...current,
          ...input,
          ...(zone === null
            ? { timeZone: current.systemTimeZone, timeZoneFollowsSystem: true }
            : typeof zone === 'string'
              ? { timeZoneFollowsSystem: false }
              : {}),
        } as Settings;
        return current;
      }
      throw new Error(`fake API: ${channel} not expected`);
    }) as ApiClient['call'],
  };
  const onSaved = vi.fn();
  render(
    <WithApi api={api}>
      <SettingsPage settings={SETTINGS} onSaved={onSaved} />
    </WithApi>,
  );
  return { calls, onSaved, updates: () => calls.filter((c) => c.channel === 'settings.update').map((c) => c.input) };
}

describe('times where the user is', () => {
  it('shows a stored UTC time in the chosen zone with its abbreviation and offset', () => {
    expect(formatDateTime('2026-12-03T11:05:00Z', 'ja', 'Asia/Tokyo')).toBe('2026/12/03 20:05 JST (+09:00)');
    expect(formatDateTime('2026-12-03T11:05:00Z', 'en', 'Asia/Tokyo')).toBe('3 Dec 2026, 20:05 JST (+09:00)');
    setDisplayTimeZone('America/New_York');
    expect(formatDateTime('2026-12-03T11:05:00Z', 'ja')).toBe('2026/12/03 06:05 EST (-05:00)');
    setDisplayTimeZone('UTC');
    expect(formatDateTime('2026-12-03T23:30:00Z', 'ja')).toBe('2026/12/03 23:30 UTC');
  });
});

describe('settings apply at once', () => {
  it('switches the language on the click itself, with no save button for it', async () => {
    const { onSaved, updates } = mount();
    fireEvent.click(screen.getByLabelText('English'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(updates()).toEqual([{ language: 'en' }]);
    expect(onSaved.mock.calls[0]?.[0]).toMatchObject({ language: 'en' });
  });

  it('sets the time zone from the list (the OS zone first), and follows the OS again when that is chosen', async () => {
    const { onSaved, updates } = mount();
    const select = screen.getByRole('combobox', { name: /^タイムゾーン/ }) as HTMLSelectElement;
    expect(select.options[0]?.textContent).toBe('OS の設定に従う（Asia/Tokyo）');
    expect([...select.options].map((o) => o.value)).toContain('Europe/Berlin');
    fireEvent.change(select, { target: { value: 'Europe/Berlin' } });
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(2));
    expect(updates()).toEqual([{ timeZone: 'Europe/Berlin' }, { timeZone: null }]);
    expect(screen.getByText(/保存される日時は UTC のまま/).textContent).toMatch(/JST \(\+09:00\)/);
  });
});
