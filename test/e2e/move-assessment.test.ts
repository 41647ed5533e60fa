import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, startApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('moving an engagement between machines', () => {
  it('exports the assessment file on one workspace and imports it on another from the start screen', async () => {
    const from = await startApp(tempDir());
    const to = await startApp(tempDir());
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(from.url);
      await page.getByRole('button', { name: 'サンプルを開く' }).click();
      await page.locator('.row.is-selected').waitFor();
      const progress = await page.locator('.catalog-tab.is-active .catalog-tab__count').textContent();
      await page.getByRole('link', { name: '報告書', exact: true }).click();
      const downloading = page.waitForEvent('download');
      await page.locator('button[name="exportAssessment"]').click();
      const download = await downloading;
      const file = join(tempDir(), download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/\.tenken-assessment\.json$/);

      await page.goto(to.url);
      await page.getByRole('button', { name: 'アセスメントファイルを取り込む' }).waitFor();
      const choosing = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'アセスメントファイルを取り込む' }).click();
      await (await choosing).setFiles(file);
      await page.locator('.row.is-selected').waitFor();
      await expect.poll(() => page.locator('.catalog-tab.is-active .catalog-tab__count').textContent()).toBe(progress);
      // The evidence list arrives after the controls: wait for the clips rather than reading them at once.
      await expect.poll(() => page.locator('.row__clip').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
      await from.stop();
      await to.stop();
    }
  });
});
