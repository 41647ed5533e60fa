import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, startApp, type RunningApp, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const text = {
  ja: {
    newAssessment: '新しいアセスメント',
    create: '作成して回答を始める',
    implemented: '実施済',
    saved: '保存済み',
    catalogsNav: 'カタログ',
    settingsNav: '設定',
    webCatalog: 'Web会議サービスを使用する際のセキュリティ上の注意事項',
  },
  en: {
    newAssessment: 'New assessment',
    create: 'Create and start answering',
    implemented: 'Implemented',
    saved: 'Saved',
    catalogsNav: 'Catalogs',
    settingsNav: 'Settings',
    webCatalog: 'Security precautions for using web conferencing services',
  },
};

async function chooseLanguage(page: Page, app: RunningApp, lang: 'ja' | 'en') {
  if (lang === 'ja') return;
  await page.getByRole('link', { name: '設定', exact: true }).click();
  // The language applies at once: no save button for it.
  await page.getByText('English').click();
  await page.getByText('The display language has been changed.').waitFor();
  void app;
}

describe.each(['ja', 'en'] as const)('first slice in %s', (lang) => {
  it('catalogs → create → answer → close and reopen: everything is still there', async () => {
    const dataDir = tempDir();
    const t = text[lang];
    let app = await startApp(dataDir);
    let page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/'); // the token left the address bar
    await chooseLanguage(page, app, lang);

    await page.getByRole('link', { name: t.catalogsNav, exact: true }).click();
    await page.getByRole('heading', { name: t.webCatalog }).waitFor();
    await shot(page, `e2e-catalogs-${lang}`);

    await page.goto(`${app.origin}/#/new`);
    await page.locator('input[name="name"]').fill(lang === 'ja' ? '2026年度 Web会議点検' : 'FY2026 web meeting review');
    await page.locator('input[name="organization"]').fill(lang === 'ja' ? '株式会社サンプル' : 'Sample Ltd.');
    await page.getByText(t.webCatalog).click();
    await page.getByRole('button', { name: t.create }).click();
    await page.locator('.row.is-selected').waitFor();

    const first = page.locator('.row.is-selected');
    const controlId = await first.getAttribute('data-control');
    await page
      .getByRole('radio', { name: new RegExp(t.implemented) })
      .first()
      .click();
    await page
      .locator('textarea[name="comment"]')
      .fill(lang === 'ja' ? '管理者設定画面で確認した。' : 'Checked in the admin console.');
    await page.locator('.save-state--ok').waitFor();
    await page.waitForTimeout(900); // let the debounced comment save run
    await expect.poll(() => page.locator('.save-state').textContent()).toContain(t.saved);
    await shot(page, `e2e-answered-${lang}`);

    // Close everything: browser page and the app process. Then start again over the same data folder.
    await page.close();
    await app.stop();
    app = await startApp(dataDir);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.url);
    await page
      .getByRole('link', { name: lang === 'ja' ? '2026年度 Web会議点検' : 'FY2026 web meeting review' })
      .click();
    await page.locator(`.row[data-control="${controlId}"]`).click();
    await expect.poll(() => page.locator(`.row[data-control="${controlId}"] .chip`).textContent()).toBe(t.implemented);
    await expect
      .poll(() => page.locator('textarea[name="comment"]').inputValue())
      .toBe(lang === 'ja' ? '管理者設定画面で確認した。' : 'Checked in the admin console.');
    // The language choice was kept.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    await page.getByRole('link', { name: t.settingsNav, exact: true }).waitFor();
    await page.close();
    await app.stop();
  });
});

describe('the browser shell refuses what it must', () => {
  it('refuses API calls from the page without the token, and cross-origin calls from another site', async () => {
    const app = await startApp(tempDir());
    const page = await browser.newPage();
    await page.goto(app.url);
    const statusWithout = await page.evaluate(
      async () =>
        (
          await fetch('/api/catalogs.list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
    );
    expect(statusWithout).toBe(401);
    const statusWith = await page.evaluate(
      async (token) =>
        (
          await fetch('/api/catalogs.list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: '{}',
          })
        ).status,
      app.token,
    );
    expect(statusWith).toBe(200);

    // A page on another origin (a second app instance stands in for "another site") cannot drive this API.
    const other = await startApp(tempDir());
    const foreign = await browser.newPage();
    await foreign.goto(other.url);
    const result = await foreign.evaluate(
      async ([target, token]) => {
        try {
          const r = await fetch(`${target}/api/assessments.create`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ name: 'x', catalog: 'ipa-web-meeting' }),
          });
          return `status ${r.status}`;
        } catch {
          return 'blocked';
        }
      },
      [app.origin, app.token] as const,
    );
    expect(result).toBe('blocked');
    const list = await page.evaluate(
      async (token) =>
        (await (
          await fetch('/api/assessments.list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: '{}',
          })
        ).json()) as { value: unknown[] },
      app.token,
    );
    expect(list.value).toEqual([]);
    await foreign.close();
    await page.close();
    await other.stop();
    await app.stop();
  });
});
