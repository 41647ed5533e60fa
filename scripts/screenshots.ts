// Takes screenshots of every screen in ja and en through the browser shell, for people to look at.
// Usage: npx tsx scripts/screenshots.ts [outDir]   (needs `npm run build` and Chromium)
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { call } from '../src/main/api/dispatch';
import { startRuntime } from '../src/main/app/runtime';
import { startWebShell } from '../src/main/web/server';
import { chromiumPath, CHROMIUM_ARGS } from '../test/support/chromium';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'screenshots';
  mkdirSync(out, { recursive: true });
  const rt = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'tenken-shots-')), shell: 'web' });
  const a = await call(rt.ctx, 'assessments.create', { name: '2026年度 Web会議サービス点検', catalog: 'ipa-web-meeting', organization: '株式会社サンプル商事', scope: '全社で利用する Web 会議サービス' });
  const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
  const ids = detail.controls.filter((c) => c.assessable).map((c) => c.controlId);
  const values = ['implemented', 'implemented', 'partial', 'not_implemented', 'implemented', 'not_applicable'];
  for (const [i, id] of ids.slice(0, 14).entries()) {
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlId: id, value: values[i % values.length] ?? null, comment: i % 3 === 0 ? '情報システム部で設定を確認済み。' : '', justification: values[i % values.length] === 'not_applicable' ? '録画機能は利用していないため。' : '' });
  }
  const shell = await startWebShell(rt.ctx, { rendererDir: join(__dirname, '..', 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  for (const lang of ['ja', 'en'] as const) {
    await call(rt.ctx, 'settings.update', { language: lang });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(shell.url);
    const shot = async (name: string, hash: string, ready: string) => {
      await page.evaluate((h) => { window.location.hash = h; }, hash);
      await page.waitForSelector(ready);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(out, `${name}-${lang}.png`) });
    };
    await shot('home', '#/', '.table');
    await shot('catalogs', '#/catalogs', '.catalog-card');
    await shot('new', '#/new', '.choice');
    await shot('assessment', `#/assessments/${a.id}`, '.row.is-selected');
    await page.keyboard.press('?');
    await page.screenshot({ path: join(out, `keys-${lang}.png`) });
    await page.keyboard.press('Escape');
    await shot('settings', '#/settings', '.segmented');
    await page.close();
  }
  await browser.close();
  await shell.close();
  rt.close();
  console.log(`screenshots in ${out}`);
}

void main();
