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

describe('PCI DSS by SAQ', () => {
  it('creates an SAQ A assessment only once every eligibility criterion is ticked, then answers 27 items', async () => {
    const app = await startApp(tempDir());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(app.url);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/');
      await page.goto(`${app.origin}/#/new`);
      await page.locator('input[name="name"]').fill('EC サイト 2026');
      await page.getByText('PCI DSS v4.0.1').first().click();
      await page.locator('select[name="profile"]').selectOption('saq-a');
      const panel = page.locator('[data-testid="profile-eligibility"]');
      await expect.poll(() => panel.innerText()).toContain('全280項目のうち27項目');
      expect(await panel.innerText()).toContain('スクリプトによる攻撃');
      const boxes = panel.locator('input[name="eligibility"]');
      const create = page.getByRole('button', { name: '作成して回答を始める' });
      const n = await boxes.count();
      expect(n).toBe(7);
      for (let i = 0; i < n - 1; i++) await boxes.nth(i).check();
      expect(await create.isDisabled()).toBe(true);
      await boxes.nth(n - 1).check();
      await shot(page, 'e2e-new-saq-a');
      await create.click();
      await page.locator('.row.is-selected').waitFor();
      expect(await page.locator('.row.is-selected').getAttribute('data-control')).toBe('2.2.2');
      await expect.poll(() => page.locator('body').innerText()).toContain('0 / 27');
    } finally {
      await page.close();
      await app.stop();
    }
  });
});
