import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp, type RunningApp } from './support';

/**
 * Two people working on copies of one assessment, brought together in the merge dialog (issue #13): A exports, B
 * imports, each changes S-1.1 differently and one other control of their own; B's file imported back into A opens
 * the dialog with S-1.1 side by side; the user takes B's value and merges. A's answers then hold both disjoint
 * changes and the chosen value, and `audit verify` on A's data folder passes.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function ok(...argv: string[]): Promise<string> {
  const r = await cli(...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

async function api(app: RunningApp, channel: string, input: unknown): Promise<unknown> {
  const r = await fetch(`${app.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}`, Origin: app.origin },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** The start screen's import with B's file: the merge dialog, since the assessment is already here. */
async function openMerge(page: Page, app: RunningApp, file: string, button: string) {
  await page.goto(app.url);
  // The language is read when the page loads: a reload after a change of it.
  await page.reload();
  await page.getByRole('button', { name: button }).waitFor();
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await choosing).setFiles(file);
  await page.getByRole('dialog').waitFor();
  await page.locator('.merge__table').waitFor();
}

type Answer = { controlKey: string; value: string | null; comment: string };

describe('merging two copies of an assessment, in Chromium', () => {
  it('shows the conflict side by side, merges with the chosen value and the disjoint changes; audit verify passes', async () => {
    const a = tempDir();
    const b = tempDir();
    const id = (
      JSON.parse(
        await ok(
          '--data-dir',
          a,
          '--json',
          'assessment',
          'create',
          '--name',
          '本社 2026',
          '--catalog',
          'ipa-web-meeting',
        ),
      ) as { id: string }
    ).id;
    const first = join(tempDir(), 'first.json');
    await ok('--data-dir', a, 'assessment', 'export', id, '--format', 'json', '--out', first);
    await ok('--data-dir', b, 'assessment', 'import', first);
    // Both change S-1.1, differently; each changes one control the other does not touch.
    const answer = (dir: string, control: string, value: string, comment: string) =>
      ok('--data-dir', dir, 'answer', '--assessment', id, '--control', control, '--value', value, '--comment', comment);
    await answer(a, 'S-1.1', 'partial', 'A: 一部のみ');
    await answer(a, 'S-1.2', 'implemented', 'A だけが回答');
    await answer(b, 'S-1.1', 'implemented', 'B: 全社で実施済み');
    await answer(b, 'M-1.1', 'not_implemented', 'B だけが回答');
    const copy = join(tempDir(), 'from-b.json');
    await ok('--data-dir', b, 'assessment', 'export', id, '--format', 'json', '--out', copy);

    const app = await startApp(a);
    const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    let stopped = false;
    try {
      // English first, only to look at it: the dialog is closed without merging.
      await api(app, 'settings.update', { language: 'en' });
      await openMerge(page, app, copy, 'Import an assessment file');
      await expect.poll(() => page.locator('.merge__table tbody tr').count()).toBe(1);
      await shot(page, 'merge-dialog-en');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await api(app, 'settings.update', { language: 'ja' });
      await openMerge(page, app, copy, 'アセスメントファイルを取り込む');
      const dialog = page.getByRole('dialog');
      // One conflict, S-1.1, with both sides shown: here partial with A's comment, in the copy implemented with B's.
      const row = dialog.locator('.merge__table tbody tr');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('th').textContent()).toContain('S-1.1');
      const [ours, theirs] = await row.locator('td').allTextContents();
      expect(ours).toContain('A: 一部のみ');
      expect(theirs).toContain('B: 全社で実施済み');
      // What comes over without a question: M-1.1, changed only in the copy.
      expect(await dialog.textContent()).toContain('回答 1 件');
      const apply = dialog.locator('button[name="applyMerge"]');
      expect(await apply.isDisabled()).toBe(true);
      await shot(page, 'merge-dialog-ja');
      await row.locator('input[type="radio"][value="theirs"]').check();
      expect(await apply.isDisabled()).toBe(false);
      await shot(page, 'merge-dialog-ja-chosen');
      await apply.click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.row.is-selected').waitFor();

      const detail = (await api(app, 'assessments.get', { id })) as { answers: Answer[] };
      const byKey = new Map(detail.answers.map((x) => [x.controlKey, x]));
      expect(byKey.get('S-1.1')).toMatchObject({ value: 'implemented', comment: 'B: 全社で実施済み' });
      expect(byKey.get('S-1.2')).toMatchObject({ value: 'implemented', comment: 'A だけが回答' });
      expect(byKey.get('M-1.1')).toMatchObject({ value: 'not_implemented', comment: 'B だけが回答' });
      await context.close();
      await app.stop();
      stopped = true;

      const verify = await cli('--data-dir', a, 'audit', 'verify');
      expect(verify.err).toBe('');
      expect(verify.code).toBe(0);
      // The same file again is nothing to do: what was merged does not come back.
      const again = await cli('--data-dir', a, '--json', 'assessment', 'merge', copy);
      expect(again.code).toBe(0);
      expect((JSON.parse(again.out) as { outcome: string }).outcome).not.toBe('merge');
    } finally {
      if (!stopped) {
        await context.close();
        await app.stop();
      }
    }
  });
});
