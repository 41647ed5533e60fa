import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const PASS = 'violet anchor mango drift lemon quartz';

describe('a sealed package between two workspaces, in Chromium', () => {
  it('seals from the report page (passphrase twice), refuses a wrong passphrase on the start screen, then opens it', async () => {
    const from = await startApp(tempDir());
    const to = await startApp(tempDir());
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(from.url);
      await page.getByRole('button', { name: 'サンプルを開く' }).click();
      await page.locator('.row.is-selected').waitFor();
      const progress = await page.locator('.catalog-tab.is-active .catalog-tab__count').textContent();
      await page.getByRole('link', { name: '報告書', exact: true }).click();
      await page.locator('button[name="exportSealed"]').click();
      // Before anything is typed the meter says what is wanted, not that the passphrase is too short.
      const said = page.locator('.passphrase-strength__text');
      expect(await said.textContent()).toMatch(/^\d+ 文字以上で入力してください。/);
      expect(await page.locator('.passphrase-strength').getAttribute('data-level')).toBe('empty');
      await shot(page, 'sealed-export-empty-ja');
      await page.locator('input[name="passphrase"]').fill('abc');
      await page.getByText('短すぎます。', { exact: false }).waitFor();
      await page.locator('input[name="passphrase"]').fill('abcabcabcabc');
      await page.getByText('弱い（多くても約 28 ビット）', { exact: false }).waitFor();
      await page.locator('input[name="passphrase"]').fill(PASS);
      await page.locator('input[name="passphraseAgain"]').fill(`${PASS}.`);
      expect(await page.locator('button[name="seal"]').isDisabled()).toBe(true);
      await shot(page, 'sealed-export-ja');
      await page.locator('input[name="passphraseAgain"]').fill(PASS);
      const downloading = page.waitForEvent('download');
      await page.locator('button[name="seal"]').click();
      const download = await downloading;
      const file = join(tempDir(), download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/\.tenken$/);
      expect(readFileSync(file).subarray(0, 26).toString()).toBe('{"format":"tenken-sealed/1');

      await page.goto(to.url);
      const choosing = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'アセスメントファイルを取り込む' }).click();
      await (await choosing).setFiles(file);
      await page.locator('input[name="passphrase"]').fill('not the passphrase at all');
      await page.locator('button[name="openSealed"]').click();
      await page.locator('.modal .alert--error').getByText('パスフレーズが違うか', { exact: false }).waitFor();
      await shot(page, 'sealed-import-wrong-ja');
      await page.locator('input[name="passphrase"]').fill(PASS);
      await page.locator('button[name="openSealed"]').click();
      await page.locator('.row.is-selected').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('.catalog-tab.is-active .catalog-tab__count').textContent()).toBe(progress);
    } finally {
      await context.close();
      await from.stop();
      await to.stop();
    }
  });
});
