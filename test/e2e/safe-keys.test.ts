import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp, type RunningApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const BIN = join(__dirname, '../../bin/tenken.cjs');
type Answer = { controlId: string; value: string | null; justification: string };

/** The answers as stored, read through the API the screen uses (not what the screen shows). */
async function stored(page: Page, app: RunningApp, id: string): Promise<Map<string, Answer>> {
  const r = await page.evaluate(
    async ([assessmentId, token]) =>
      (await (
        await fetch('/api/assessments.get', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ id: assessmentId }),
        })
      ).json()) as { value: { answers: Answer[] } },
    [id, app.token] as const,
  );
  return new Map(r.value.answers.map((a) => [a.controlId, a]));
}
const selectedRow = (page: Page) => page.locator('.row.is-selected').getAttribute('data-control');
const activeIsInDialog = (page: Page) => page.evaluate(() => !!document.activeElement?.closest('[aria-modal="true"]'));

describe('keys that cannot write wrong data (ISMAP: 4 = 除外, which needs a justification)', () => {
  it('a selection asks before a number key writes, never writes 除外 without a reason, and Esc clears it; dialogs hold the keys', async () => {
    const dataDir = tempDir();
    const created = JSON.parse(
      execFileSync(
        process.execPath,
        [
          BIN,
          '--data-dir',
          dataDir,
          '--json',
          'assessment',
          'create',
          '--name',
          'ISMAP 2026',
          '--catalog',
          'ismap',
          '--organization',
          'クラウド株式会社',
        ],
        { encoding: 'utf8' },
      ),
    ) as { id: string };
    const app = await startApp(dataDir);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(app.url);
      // Start in chapter 5: ISMAP's governance and management criteria (chapters 3–4) cannot be excluded at all.
      await page.evaluate((id) => {
        window.location.hash = `#/assessments/${id}?control=5.1.1`;
      }, created.id);
      await page.locator('.row.is-selected[data-control="5.1.1"]').waitFor();
      // The number keys of this catalog are in view without opening the help.
      expect(await page.locator('.key-legend').textContent()).toContain('除外');

      // Two rows selected with x; the selection is visible (ticked rows and a count).
      const first = (await selectedRow(page)) as string;
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      const second = (await selectedRow(page)) as string;
      await page.keyboard.press('x');
      await expect.poll(() => page.locator('.row.is-checked').count()).toBe(2);
      expect(await page.locator('.batch-bar').textContent()).toContain('2 件を選択中');

      // 4 (除外) with the selection: a confirmation naming the two rows, which cannot be confirmed without a reason.
      await page.keyboard.press('4');
      const confirm = page.locator('[role="alertdialog"]');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('選択中の 2 件すべてに「除外」を回答します');
      expect(await confirm.locator('button[name="confirmBatch"]').isDisabled()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('batchJustification');
      await page.keyboard.press('Enter'); // no reason: nothing happens
      await shot(page, 'e2e-safe-keys-confirm-ja');
      // Esc closes the dialog only; the selection stays until a second Esc.
      await page.keyboard.press('Escape');
      await expect.poll(() => confirm.count()).toBe(0);
      expect(await page.locator('.row.is-checked').count()).toBe(2);
      let answers = await stored(page, app, created.id);
      expect(answers.get(first)?.value ?? null).toBeNull();
      expect(answers.get(second)?.value ?? null).toBeNull();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.row.is-checked').count()).toBe(0);
      expect(await page.locator('.batch-bar').count()).toBe(0);

      // 4 on the control on screen (no selection): the reason field opens with 除外 pending; nothing is sent yet.
      await page.keyboard.press('4');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('justification');
      expect(await page.locator('.answer-option[data-pending="true"]').textContent()).toContain('除外');
      expect(await page.locator('.pending-note').textContent()).toContain('除外');
      await shot(page, 'e2e-safe-keys-pending-ja');
      await page.waitForTimeout(900); // longer than the text save delay: still nothing sent
      answers = await stored(page, app, created.id);
      expect(answers.get(second)?.value ?? null).toBeNull();
      // Esc drops the pending value.
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.answer-option[data-pending="true"]').count()).toBe(0);
      // Again, now with a reason: Enter saves value and reason together.
      await page.keyboard.press('4');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('justification');
      await page.keyboard.type('対象システムは本サービスの範囲外');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await stored(page, app, created.id)).get(second)?.value ?? null).toBe('excluded');
      expect((await stored(page, app, created.id)).get(second)?.justification).toBe('対象システムは本サービスの範囲外');
      expect(await page.locator('.save-state--error').count()).toBe(0);

      // A selection answered 除外 through the confirmation, with one reason for both rows; then undone in one step.
      await page.keyboard.press('k');
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      const third = (await selectedRow(page)) as string;
      await page.keyboard.press('x');
      await page.keyboard.press('4');
      await confirm.waitFor();
      await page.keyboard.type('データセンター設備は委託先の管理');
      await page.keyboard.press('Enter');
      await expect.poll(() => confirm.count()).toBe(0);
      await expect.poll(async () => (await stored(page, app, created.id)).get(third)?.value ?? null).toBe('excluded');
      answers = await stored(page, app, created.id);
      expect(answers.get(first)?.value).toBe('excluded');
      expect(answers.get(first)?.justification).toBe('データセンター設備は委託先の管理');
      expect(await page.locator('.row.is-checked').count()).toBe(0); // the selection is done with
      await page.keyboard.press('u');
      await expect.poll(() => page.locator('.undo-note').count()).toBe(1);
      await shot(page, 'e2e-safe-keys-undo-ja');
      const note = (await page.locator('.undo-note').textContent()) ?? '';
      expect(note).toContain('元に戻しました');
      expect(note).toContain(`${first}（除外 → 未回答）`);
      expect(note).toContain(`${third}（除外 → 未回答）`);
      answers = await stored(page, app, created.id);
      expect(answers.get(first)?.value ?? null).toBeNull();
      expect(answers.get(third)?.value ?? null).toBeNull();
      expect(answers.get(second)?.value).toBe('excluded'); // the single save before the batch is not touched

      // 0 with a selection asks first, and cancelling changes nothing.
      await page.keyboard.press('x'); // the control the undo showed
      await page.keyboard.press('0');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('1 件の回答を取り消し');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('cancelBatch');
      await page.keyboard.press('Enter'); // the focused button is Cancel
      await expect.poll(() => confirm.count()).toBe(0);
      await page.keyboard.press('Escape');

      // With a dialog open, number keys do nothing behind it, Tab stays inside, Esc closes it and focus returns.
      const onScreen = (await selectedRow(page)) as string;
      const before = (await stored(page, app, created.id)).get(onScreen)?.value ?? null;
      for (const [name, open] of [
        [
          'keys',
          async () => {
            await page.keyboard.press('?');
          },
        ],
        [
          'quality',
          async () => {
            await page.locator('button', { hasText: '品質チェック' }).click();
          },
        ],
        [
          'add-catalog',
          async () => {
            await page.locator('button[name="addCatalog"]').click();
          },
        ],
      ] as const) {
        await open();
        const dialog = page.locator('[aria-modal="true"]');
        await dialog.waitFor();
        expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
        await shot(page, `e2e-safe-keys-dialog-${name}-ja`);
        const opener = await page.evaluate(() =>
          document.activeElement?.closest('[aria-modal="true"]') ? null : (document.activeElement?.outerHTML ?? null),
        );
        expect(opener).toBeNull(); // focus moved into the dialog
        await page.keyboard.press('1');
        await page.keyboard.press('j');
        await page.keyboard.press('x');
        for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
        expect(await activeIsInDialog(page)).toBe(true);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.count()).toBe(0);
        expect(await selectedRow(page)).toBe(onScreen);
        expect(await page.locator('.row.is-checked').count()).toBe(0);
      }
      // Focus went back to the button that opened the last dialog.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('addCatalog');
      expect((await stored(page, app, created.id)).get(onScreen)?.value ?? null).toBe(before);
      expect(await page.locator('.save-state--error').count()).toBe(0);
    } finally {
      await page.close();
      await app.stop();
    }
  });
});
