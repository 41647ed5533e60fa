import { existsSync, readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { createBackup } from '../../src/main/workspace/backup';
import { flipMiddlePage } from '../support/faults';
import { freshRuntime } from '../support/workspace';
import { launchChromium, shot, startApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a damaged workspace in the browser', () => {
  it('shows the start screen with its fault; restoring the newest good backup brings the home list back', async () => {
    const rt = await freshRuntime();
    await call(rt.ctx, 'assessments.create', { name: '復元される点検', catalog: 'ipa-web-meeting' });
    await createBackup(rt.ctx.db, rt.ctx.paths, 'manual', new Date(Date.UTC(2026, 0, 1)));
    const dir = rt.ctx.paths.dataDir;
    rt.close();
    flipMiddlePage(rt.ctx.paths.dbFile);
    const app = await startApp(dir);
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(app.url);
    await page.getByTestId('recovery-screen').waitFor();
    expect(await page.getByTestId('recovery-fault').innerText()).toMatch(/破損しています/);
    await page.getByTestId('backup-table').waitFor();
    expect(await page.locator('input[name="backup"]:checked').count()).toBe(1);
    await shot(page, 'e2e-recovery-start');
    await page.getByRole('button', { name: '選んだバックアップを復元…' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('button', { name: '復元する' }).click();
    const restored = page.getByTestId('restored');
    await restored.waitFor();
    expect(await restored.innerText()).toMatch(/tenken\.sqlite\.damaged-\d{8}T\d{9}Z/);
    expect(readdirSync(dir).some((f) => /^tenken\.sqlite\.damaged-/.test(f))).toBe(true);
    await page.getByRole('button', { name: 'ワークスペースを開く' }).click();
    await page.getByText('復元される点検').waitFor();
    await shot(page, 'e2e-recovery-home');
    await app.stop();
    expect(existsSync(rt.ctx.paths.dbFile)).toBe(true);
  });
});
