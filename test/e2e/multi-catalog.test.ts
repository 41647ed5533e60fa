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

describe('an assessment over two catalogs in the browser', () => {
  it('is created with a second catalog, answered in its own tab by keyboard, keeps both after a reload, and grows and shrinks by a catalog', async () => {
    const app = await startApp(tempDir());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(app.url);
      await page.goto(`${app.origin}/#/new`);
      await page.locator('input[name="name"]').fill('クラウド基盤と Web 会議 2026');
      await page.locator('input[name="organization"]').fill('株式会社サンプル');
      await page.getByText('Web会議サービスを使用する際のセキュリティ上の注意事項').click();
      await page
        .locator('label.choice__check', {
          hasText: 'クラウドサービス利用のための情報セキュリティマネジメントガイドライン',
        })
        .click();
      await shot(page, 'e2e-multi-new');
      await page.getByRole('button', { name: '作成して回答を始める' }).click();
      await page.locator('.row.is-selected').waitFor();

      const tabs = page.locator('.catalog-tab');
      await expect.poll(() => tabs.count()).toBe(2);
      // First catalog: answer the first control with key 1.
      const firstId = await page.locator('.row.is-selected').getAttribute('data-control');
      await page.keyboard.press('1');
      await page.locator('.save-state--ok').waitFor();

      // Second catalog: its own list, answered with key 2 on the first two controls.
      await tabs.nth(1).click();
      await page.locator('.catalog-tab.is-active', { hasText: 'クラウドサービス' }).waitFor();
      await page.locator('.row.is-selected').waitFor();
      const metiFirst = await page.locator('.row.is-selected').getAttribute('data-control');
      await page.keyboard.press('2');
      await page.locator('.save-state--ok').waitFor();
      await page.keyboard.press('j');
      await page.keyboard.press('2');
      await expect.poll(() => page.locator('.catalog-tab.is-active .catalog-tab__count').textContent()).toBe('2/133');
      await shot(page, 'e2e-multi-second-tab');

      await page.reload();
      await page.locator('.row.is-selected').waitFor();
      await expect.poll(() => page.locator('.catalog-tab.is-active .catalog-tab__count').textContent()).toBe('2/133');
      expect(await page.locator(`.row[data-control="${metiFirst}"] .chip`).textContent()).toContain('一部実施');
      await tabs.nth(0).click();
      await page.locator(`.row[data-control="${firstId}"]`).waitFor();
      await expect.poll(() => page.locator('.catalog-tab.is-active .catalog-tab__count').textContent()).toMatch(/^1\//);
      expect(await page.locator(`.row[data-control="${firstId}"] .chip`).textContent()).toContain('実施済');

      // The engagement grows by a third catalog from the header, which can be taken off again while it is empty.
      await page.locator('button[name="addCatalog"]').click();
      await shot(page, 'e2e-multi-add-catalog');
      const ismap = await page
        .locator('select[name="catalogToAdd"] option', { hasText: 'ISMAP' })
        .getAttribute('value');
      await page.locator('select[name="catalogToAdd"]').selectOption(ismap as string);
      await page.getByRole('button', { name: '追加する' }).click();
      await page.locator('.catalog-tab.is-active', { hasText: 'ISMAP' }).waitFor();
      await expect.poll(() => tabs.count()).toBe(3);
      await page.locator('button[name="removeCatalog"]').click();
      await expect.poll(() => tabs.count()).toBe(2);
      // A catalog with answers offers no removal.
      await tabs.nth(1).click();
      await page.locator('.catalog-tab.is-active', { hasText: 'クラウドサービス' }).waitFor();
      expect(await page.locator('button[name="removeCatalog"]').count()).toBe(0);
    } finally {
      await page.close();
      await app.stop();
    }
  });
});
