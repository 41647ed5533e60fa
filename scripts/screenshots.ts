// Screenshots of every screen in ja and en through the browser shell, over the sample engagement, for people to
// look at. Usage: npm run screenshots [-- outDir]   (needs Chromium)
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { call } from '../src/main/api/dispatch';
import { startRuntime } from '../src/main/app/runtime';
import { startWebShell } from '../src/main/web/server';
import { chromiumPath, CHROMIUM_ARGS } from '../test/support/chromium';
import { ismapWorkbook } from '../test/support/ismap-workbook';
import { DEMO_ORGANIZATION } from '../src/main/assessments/demo';
import { seedRollupSample } from './rollup-sample';
import { mergeCopy, mergeDialogShots } from './screenshots-merge';
import { periodShots, preparePeriods } from './screenshots-periods';
import { findingsShots, prepareFindings } from './screenshots-findings';
import { recoveryShots } from './screenshots-recovery';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'screenshots';
  mkdirSync(out, { recursive: true });
  const rt = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'tenken-shots-')), shell: 'web' });
  const demo = await call(rt.ctx, 'demo.create', {});
  // Depth: ISMAP from an official-shaped workbook (the test's invented texts), with its 詳細管理策; PCI DSS scoped by SAQ A.
  await call(rt.ctx, 'catalogs.import', {
    fileName: 'ISMAP管理基準.xlsx',
    content: (await ismapWorkbook('good')).toString('base64'),
    encoding: 'base64',
    format: 'xlsx',
    preset: 'ismap',
  });
  const ismapDetailed = await call(rt.ctx, 'assessments.create', {
    name: 'ISMAP 言明書準備 2026',
    catalog: 'ismap@2024-07-official',
    organization: DEMO_ORGANIZATION,
  });
  await call(rt.ctx, 'answers.set', {
    assessmentId: ismapDetailed.id,
    controlKey: '9.2.3',
    value: 'implemented',
    comment: '特権 ID は申請制・四半期棚卸し。',
  });
  const saqA = await call(rt.ctx, 'assessments.create', {
    name: 'PCI DSS SAQ A 2026',
    catalog: 'pci-dss@4.0.1',
    profile: 'saq-a',
    organization: DEMO_ORGANIZATION,
  });
  await seedRollupSample(rt.ctx);
  const copy = await mergeCopy(rt, demo.id);
  const periods = await preparePeriods(rt.ctx, demo.id);
  const findings = await prepareFindings(rt.ctx, DEMO_ORGANIZATION);
  const requestOf = await distributeAndCollect(rt, demo.id);
  const shell = await startWebShell(rt.ctx, { rendererDir: join(__dirname, '..', 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  for (const lang of ['ja', 'en'] as const) {
    await call(rt.ctx, 'settings.update', { language: lang });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(shell.url);
    const go = async (hash: string, ready: string) => {
      await page.evaluate((h) => {
        window.location.hash = h;
      }, hash);
      await page.waitForSelector(ready);
      await page.waitForTimeout(250);
    };
    const shot = (name: string) => page.screenshot({ path: join(out, `${name}-${lang}.png`) });
    await go('#/', '.table');
    await shot('home');
    await go('#/catalogs', '.catalog-card');
    await shot('catalogs');
    await go('#/catalogs/import', '.dropzone');
    await shot('catalog-import');
    await go('#/catalogs/pci-dss/diff', '.diff-summary');
    await shot('catalog-diff');
    await go('#/new', '.choice');
    await shot('new');
    await page.locator('input[name="catalog"]').first().check();
    await page.locator('input[name="additionalCatalog"]').nth(1).check();
    await page.waitForTimeout(150);
    await shot('new-several-catalogs');
    await go(`#/assessments/${demo.id}`, '.row.is-selected');
    await shot('assessment');
    await withEvidence(page);
    await shot('assessment-evidence');
    await go(`#/assessments/${demo.id}/catalogs/ipa-web-meeting`, '.row.is-selected');
    await shot('assessment-second-catalog');
    await go(`#/assessments/${ismapDetailed.id}?control=9.2.3.11.PB`, '.row.is-selected');
    await shot('assessment-ismap-detailed');
    await go(`#/assessments/${saqA.id}`, '.row.is-selected');
    await shot('assessment-pci-saq-a');
    await go(`#/assessments/${demo.id}`, '.row.is-selected');
    await page.keyboard.press('?');
    await page.waitForTimeout(100);
    await shot('keys');
    await page.keyboard.press('Escape');
    await page.locator('button[name="signoff-prepared"]').click();
    await page.waitForSelector('.modal input[name="signoffName"]');
    await shot('signoff');
    await page.keyboard.press('Escape');
    await page.locator('.modal').waitFor({ state: 'detached' });
    await page.locator('.status-bar > .button--quiet').click();
    await page.waitForSelector('.quality-list');
    await shot('quality');
    await page.keyboard.press('Escape');
    await page.locator('.modal').waitFor({ state: 'detached' }); // dialogs close on Esc
    await page.locator('button[name="editDetails"]').click();
    await page.waitForSelector('.modal form[name="details"]');
    await shot('details');
    await page.keyboard.press('Escape');
    await page.locator('.modal').waitFor({ state: 'detached' });
    await go(`#/assessments/${demo.id}/dashboard`, '.dash-card');
    await page.waitForTimeout(300);
    await shot('dashboard');
    await go(`#/assessments/${demo.id}/dashboard/ipa-web-meeting`, '.dash-card');
    await page.waitForTimeout(300);
    await shot('dashboard-second-catalog');
    await go(`#/assessments/${demo.id}/report`, '.report-formats');
    await shot('report');
    await page.locator('button[name="preview"]').click();
    await page.frameLocator('iframe.report-preview').locator('h1').first().waitFor();
    await page.waitForTimeout(400);
    await shot('report-preview');
    await go('#/rollup/ipa-web-meeting', '[data-testid="rollup-groups"]');
    await shot('rollup');
    await go('#/settings', '.segmented');
    await shot('settings');
    await go('#/', '.table');
    await mergeDialogShots(page, copy, shot);
    await periodShots(page, go, shot, periods.carriedId);
    await findingsShots(page, go, shot, findings.id);
    await go(`#/assessments/${demo.id}/requests`, '.requests-table');
    await shot('requests');
    await go(`#/responses/${requestOf}`, '.response-control');
    await shot('response');
    await page.close();
  }
  await recoveryShots(browser, out);
  await browser.close();
  await shell.close();
  rt.close();
  console.log(`screenshots in ${out}`);
}

/**
 * Distribute and collect on the sample engagement: one request answered and imported, one out, one overdue; the
 * first one also opened here as the respondent would (the same workspace stands in for the department's).
 * Returns the request whose respondent screen is shown.
 */
async function distributeAndCollect(rt: Awaited<ReturnType<typeof startRuntime>>, id: string): Promise<string> {
  const passphrase = 'screenshots only 2026-spring';
  const d = await call(rt.ctx, 'assessments.get', { id });
  const keys = d.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
  const make = (respondent: string, controlKeys: string[], due?: string) =>
    call(rt.ctx, 'requests.create', {
      assessmentId: id,
      respondent,
      selector: { by: 'controls', controlKeys },
      passphrase,
      ...(due ? { due } : {}),
    });
  const hr = await make('人事部', keys.slice(0, 3), '2026-12-25');
  const hrItem = await call(rt.ctx, 'responses.open', { content: hr.content, passphrase });
  await call(rt.ctx, 'responses.answer', {
    requestId: hrItem.requestId,
    controlKey: keys[0] as string,
    value: hrItem.request.catalogs[0]?.answerScale[0]?.value ?? null,
    comment: '入退社手続きで確認済み。',
  });
  const sealed = await call(rt.ctx, 'responses.seal', { requestId: hrItem.requestId, passphrase });
  await call(rt.ctx, 'requests.importResponse', { assessmentId: id, content: sealed.content, passphrase });
  await make('総務部', keys.slice(3, 5), '2026-01-15');
  const it = await make('情報システム部', keys.slice(5, 9), '2099-03-31');
  const itItem = await call(rt.ctx, 'responses.open', { content: it.content, passphrase });
  return itItem.requestId;
}

async function withEvidence(page: Page): Promise<void> {
  const row = page.locator('.row:has(.row__clip)').first();
  if (await row.count()) await row.click();
  await page.waitForTimeout(200);
}

void main();
