// The recovery start screen and Settings → Backups for scripts/screenshots.ts (also runnable alone:
// node --import tsx scripts/screenshots-recovery.ts [outDir]). A sample workspace with backups is damaged, then
// served by an app session (src/main/app/session.ts), as `tenken web` does.
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { call } from '../src/main/api/dispatch';
import { startRuntime } from '../src/main/app/runtime';
import { startSession } from '../src/main/app/session';
import { startWebShell } from '../src/main/web/server';
import { createBackup } from '../src/main/workspace/backup';
import { chromiumPath, CHROMIUM_ARGS } from '../test/support/chromium';

/** Inverts the page header of a b-tree page in the middle of the file (test/support/faults.ts does the same). */
function flipMiddlePage(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE pagetype IN ('internal', 'leaf') AND pageno > 1 ORDER BY pageno")
    .all() as { pageno: number }[];
  db.close();
  const at = ((pages[Math.floor(pages.length / 2)]?.pageno ?? 2) - 1) * pageSize;
  const fd = openSync(file, 'r+');
  const bytes = Buffer.alloc(32);
  readSync(fd, bytes, 0, 32, at);
  for (let i = 0; i < 32; i++) bytes[i] = (bytes[i] as number) ^ 0xff;
  writeSync(fd, bytes, 0, 32, at);
  closeSync(fd);
}

async function damagedWorkspace(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tenken-shots-recovery-'));
  const rt = await startRuntime({ dataDir: dir, shell: 'web' });
  await call(rt.ctx, 'demo.create', {});
  await createBackup(rt.ctx.db, rt.ctx.paths, 'start', new Date(Date.UTC(2026, 11, 1, 0, 30)));
  await createBackup(rt.ctx.db, rt.ctx.paths, 'manual', new Date(Date.UTC(2026, 11, 2, 6, 15)));
  rt.close();
  // The disk damages the file; the next start's backup records the damage in its check, and the app stops there.
  flipMiddlePage(join(dir, 'tenken.sqlite'));
  const db = new Database(join(dir, 'tenken.sqlite'));
  await createBackup(db, rt.ctx.paths, 'start', new Date(Date.UTC(2026, 11, 3, 0, 10)));
  db.close();
  return dir;
}

export async function recoveryShots(browser: Browser, out: string): Promise<void> {
  for (const lang of ['ja', 'en'] as const) {
    const session = await startSession({ dataDir: await damagedWorkspace(), shell: 'web' });
    const shell = await startWebShell(session.ctx, { rendererDir: join(__dirname, '..', 'dist', 'renderer') });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const shot = (name: string) => page.screenshot({ path: join(out, `${name}-${lang}.png`), fullPage: true });
    await page.goto(shell.url);
    await page.getByTestId('backup-table').waitFor();
    if (lang === 'en') await page.locator('input[name="language"][value="en"]').check({ force: true });
    await page.waitForTimeout(200);
    await shot('recovery-start');
    await page.locator('.recovery__restore .button--primary').click();
    await page.locator('.modal').waitFor();
    await shot('recovery-confirm');
    await page.locator('.modal .button--primary').click();
    await page.getByTestId('restored').waitFor();
    await shot('recovery-restored');
    await page.locator('[data-testid="restored"] .button--primary').click();
    await page.waitForSelector('.table');
    await call(session.ctx, 'settings.update', { language: lang });
    await page.evaluate(() => {
      window.location.hash = '#/settings';
    });
    await page.reload();
    await page.getByTestId('settings-backups').waitFor();
    await page.getByTestId('backup-table').scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await shot('settings-backups');
    await page.locator('[data-testid="settings-backups"] tbody tr').nth(1).locator('button').click();
    await page.locator('.modal').waitFor();
    await shot('settings-backups-confirm');
    await page.locator('.modal .button--primary').click();
    await page.getByTestId('restored-notice').waitFor();
    await page.getByTestId('backup-table').waitFor();
    await page.waitForTimeout(200);
    await shot('settings-backups-restored');
    await page.close();
    await shell.close();
    session.close();
  }
}

if (require.main === module) {
  void (async () => {
    const out = process.argv[2] ?? 'screenshots';
    mkdirSync(out, { recursive: true });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      await recoveryShots(browser, out);
    } finally {
      await browser.close();
    }
  })();
}
