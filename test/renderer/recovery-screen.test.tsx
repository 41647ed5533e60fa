// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { RecoveryScreen } from '../../src/renderer/features/backups/RecoveryScreen';
import type { BackupList, RecoveryStatus } from '../../src/shared/api/backups-types';
import { initStrings, WithApi, type Call } from './support';

beforeAll(() => initStrings('ja'));
afterEach(() => cleanup());

const backup = (name: string, check: 'ok' | 'damaged') => ({
  name,
  createdAt: `${name.slice(7, 11)}-${name.slice(11, 13)}-${name.slice(13, 15)}T00:00:00.000Z`,
  reason: 'start',
  size: 5_300_000,
  check,
  historyHead: 394,
});
const LIST: BackupList = {
  dir: '/data/backups',
  backups: [
    backup('tenken-20261203T000000000Z-start.sqlite', 'damaged'),
    backup('tenken-20261202T000000000Z-start.sqlite', 'ok'),
    backup('tenken-20261201T000000000Z-start.sqlite', 'ok'),
  ],
  newestGood: 'tenken-20261202T000000000Z-start.sqlite',
};
const damaged: Extract<RecoveryStatus, { mode: 'recovery' }> = {
  mode: 'recovery',
  fault: {
    code: 'conflict',
    key: 'workspaceDamagedRestore',
    params: { file: '/data/tenken.sqlite', detail: 'malformed', backup: LIST.newestGood as string },
  },
  dataDir: '/data',
  dbFile: '/data/tenken.sqlite',
  restorable: true,
};

function mount(status: Extract<RecoveryStatus, { mode: 'recovery' }>) {
  const calls: Call[] = [];
  let opened = 0;
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'backups.list') return LIST;
      if (channel === 'backups.restore')
        return {
          restored: input.name,
          safetyCopy: null,
          keptAside: '/data/tenken.sqlite.damaged-20261204T000000000Z',
          status: { mode: 'normal' },
        };
      throw new Error(`fake API: ${channel} not expected`);
    }) as ApiClient['call'],
  };
  render(
    <WithApi api={api}>
      <RecoveryScreen status={status} onOpened={() => opened++} onLanguage={() => undefined} />
    </WithApi>,
  );
  return { calls, opened: () => opened };
}

describe('the recovery start screen', () => {
  it("shows the fault's message, chooses the newest good backup, restores it only after the confirmation and names the file kept aside", async () => {
    const m = mount(damaged);
    expect(screen.getByTestId('recovery-fault').textContent).toMatch(/破損しています（malformed）/);
    await screen.findByTestId('backup-table');
    const radios = screen
      .getAllByRole('radio', { hidden: false })
      .filter((r) => (r as HTMLInputElement).name === 'backup');
    expect(radios.map((r) => [(r as HTMLInputElement).checked, (r as HTMLInputElement).disabled])).toEqual([
      [false, true],
      [true, false],
      [false, false],
    ]);
    expect(screen.getByText('破損')).toBeTruthy();
    // The older good one can be chosen instead.
    fireEvent.click(radios[2] as HTMLElement);
    fireEvent.click(screen.getByRole('button', { name: '選んだバックアップを復元…' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('tenken-20261201T000000000Z-start.sqlite');
    expect(m.calls.some((c) => c.channel === 'backups.restore')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '復元する' }));
    await screen.findByTestId('restored');
    expect(m.calls.filter((c) => c.channel === 'backups.restore').map((c) => c.input)).toEqual([
      { name: 'tenken-20261201T000000000Z-start.sqlite' },
    ]);
    expect(screen.getByTestId('restored').textContent).toContain('/data/tenken.sqlite.damaged-20261204T000000000Z');
    fireEvent.click(screen.getByRole('button', { name: 'ワークスペースを開く' }));
    await waitFor(() => expect(m.opened()).toBe(1));
  });

  it('a cancelled confirmation restores nothing', async () => {
    const m = mount(damaged);
    await screen.findByTestId('backup-table');
    fireEvent.click(screen.getByRole('button', { name: '選んだバックアップを復元…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(m.calls.some((c) => c.channel === 'backups.restore')).toBe(false);
  });

  it('a workspace from a newer Tenken: its message and no restore', () => {
    mount({
      ...damaged,
      fault: { code: 'conflict', key: 'dbFromFuture', params: { found: 200, supported: 100 } },
      restorable: false,
    });
    expect(screen.getByTestId('recovery-fault').textContent).toMatch(/新しいバージョンの Tenken/);
    expect(screen.queryByRole('button', { name: '選んだバックアップを復元…' })).toBeNull();
    expect(screen.queryByTestId('backup-table')).toBeNull();
  });
});
