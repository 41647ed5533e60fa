import type { Browser } from 'playwright-core';
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

describe('report page', () => {
  it('previews the report as it will print, per catalog of the assessment, in a sandboxed frame', async () => {
    const app = await startApp(tempDir());
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(app.url);
      await page.getByRole('button', { name: 'サンプルを開く' }).click();
      await page.locator('.row.is-selected').waitFor();
      await page.getByRole('link', { name: '報告書', exact: true }).click();
      await page.getByRole('button', { name: 'プレビュー', exact: true }).click();
      const frame = page.frameLocator('iframe.report-preview');
      await frame.locator('h1').first().waitFor();
      expect(await page.locator('iframe.report-preview').getAttribute('sandbox')).toBe('');
      const text = await frame.locator('body').innerText();
      expect(text).toContain('ISMAP');
      expect(text).toContain('株式会社サンプル商事（デモ）');
      expect(text).toContain('Web会議サービスを使用する際のセキュリティ上の注意事項'); // the cover names the other catalog
      await shot(page, 'e2e-report-preview');

      // The other catalog of the assessment gets its own report.
      await page.locator('select[name="catalog"]').selectOption('ipa-web-meeting');
      await page.getByRole('button', { name: 'プレビューを更新' }).click();
      await expect.poll(async () => (await frame.locator('body').innerText()).includes('S-1.1')).toBe(true);
    } finally {
      await page.close();
      await app.stop();
    }
  });
});
