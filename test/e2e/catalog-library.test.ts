import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, startApp, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const mini = readFileSync(join(__dirname, '../fixtures/catalogs/mini.yaml'), 'utf8');

describe('catalog library in the browser', () => {
  it("shows a broken file's errors in place, imports the fixed file, searches and compares versions", async () => {
    const dir = tempDir();
    const broken = join(dir, 'mini-broken.yaml');
    writeFileSync(broken, mini.replace('id: "2.1"', 'id: "1.1"'));
    const fixed = join(dir, 'mini.yaml');
    writeFileSync(fixed, mini);
    const v2 = join(__dirname, '../fixtures/catalogs/mini-2.0.yaml');

    const app = await startApp(tempDir());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(app.url);
    await page.getByRole('link', { name: 'カタログ', exact: true }).click();
    await page.getByRole('link', { name: 'カタログを取り込む' }).click();

    await page.locator('input[name="catalogFile"]').setInputFiles(broken);
    await page.locator('.diagnostic--error').first().waitFor();
    expect(await page.locator('.diagnostic--error .diagnostic__message').first().textContent()).toContain(
      'ID「1.1」が重複しています',
    );
    expect(await page.locator('.diagnostic--error').first().textContent()).toContain('25 行');
    expect(await page.locator('.diagnostic__source .is-error-line').first().textContent()).toContain('id: "1.1"');
    expect(await page.getByRole('button', { name: '取り込む', exact: true }).isDisabled()).toBe(true);
    await shot(page, 'e2e-import-error-ja');

    await page.locator('input[name="catalogFile"]').setInputFiles(fixed);
    await page.locator('.import-summary').waitFor();
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    await page.getByRole('heading', { name: 'ミニカタログ' }).waitFor();

    await page.getByRole('link', { name: 'カタログを取り込む' }).click();
    await page.locator('input[name="catalogFile"]').setInputFiles(v2);
    await page.locator('.import-summary').waitFor();
    await page.getByRole('button', { name: '取り込む', exact: true }).click();
    await page.getByRole('article', { name: 'ミニカタログ' }).getByRole('link', { name: '版を比較' }).click();
    await page.locator('.diff-summary').waitFor();
    expect(await page.locator('.diff-summary').textContent()).toContain('変更 1 件');
    await shot(page, 'e2e-diff-ja');

    await page.getByRole('link', { name: 'カタログ', exact: true }).click();
    await page.getByRole('searchbox').fill('暗号');
    await page.locator('.search-results tbody tr').first().waitFor();
    expect(await page.locator('.search-results tbody tr').count()).toBeGreaterThan(10);
    // The first page is 50 hits; "more" appends the next page of the same order.
    const rows = page.locator('.search-results tbody tr');
    if ((await rows.count()) === 50) {
      await page.getByRole('button', { name: '次の 50 件を表示' }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(50);
    }
    await shot(page, 'e2e-search-ja');
    await page.close();
    await app.stop();
  });
});
