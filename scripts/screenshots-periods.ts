// Period and housekeeping screens for scripts/screenshots.ts: the row's actions dialog (carry forward, duplicate,
// archive, trash), a carried-forward assessment with its 要確認 notice, the trash and its empty-trash question.
import type { Page } from 'playwright-core';
import { call } from '../src/main/api/dispatch';
import type { ServiceContext } from '../src/main/context';

type Go = (hash: string, ready: string) => Promise<void>;
type Shot = (name: string) => Promise<unknown>;

/** Made once (before the languages loop): a carried-forward copy of `fromId` and one assessment in the trash. */
export async function preparePeriods(ctx: ServiceContext, fromId: string): Promise<{ carriedId: string }> {
  const next = await call(ctx, 'assessments.carryForward', {
    from: fromId,
    name: 'Web 会議 点検 2027',
    periodStart: '2027-04-01',
    periodEnd: '2028-03-31',
  });
  const old = await call(ctx, 'assessments.duplicate', { id: fromId, name: '旧プロジェクト 2024' });
  await call(ctx, 'assessments.trash', { id: old.id });
  return { carriedId: next.id };
}

export async function periodShots(page: Page, go: Go, shot: Shot, carriedId: string): Promise<void> {
  await go('#/', '.table');
  await page
    .locator('.table button', { hasText: /操作|Actions/ })
    .first()
    .click();
  await page.waitForSelector('.modal input[name="carryName"]');
  await shot('periods-actions');
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  await go(`#/assessments/${carriedId}`, '.row.is-selected');
  await page.locator('.row:has(.row__carried)').first().click();
  await page.waitForSelector('.carried-notice');
  await shot('periods-carried');
  await page.locator('.row:has(.row__carried):has(.row__clip)').first().click();
  await page.locator('.evidence-validity').first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await shot('periods-evidence-stale');
  await go('#/', '.table');
  await page.locator('select[name="shelf"]').selectOption('trash');
  await page.waitForSelector('.table button:has-text("元に戻す"), .table button:has-text("Restore")');
  await shot('periods-trash');
  await page.locator('button.button--danger', { hasText: /ごみ箱を空|Empty trash/ }).click();
  await page.waitForSelector('.modal');
  await shot('periods-empty-trash');
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
}
