import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp, type RunningApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const PASS = 'violet anchor mango drift lemon quartz';

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

/** Picks a file through a file input (named) and returns after it is read. */
async function pickFile(page: Page, input: string, file: string): Promise<void> {
  await page.locator(`input[name="${input}"]`).setInputFiles(file);
  await page.waitForTimeout(300);
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const downloading = page.waitForEvent('download');
  await click();
  const d = await downloading;
  const file = join(tempDir(), d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

describe('distribute and collect, in Chromium', () => {
  it('a request for two departments, each answered in its own workspace, both imported; history names them; audit verify passes', async () => {
    const officeDir = tempDir();
    const office = await startApp(officeDir);
    const it = await startApp(tempDir());
    const hr = await startApp(tempDir());
    await api(office, 'settings.update', { userName: '本社 監査室' });
    await api(it, 'settings.update', { userName: '田中 (情報システム部)' });
    await api(hr, 'settings.update', { userName: '佐藤 (人事部)' });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    let stopped = false;
    try {
      await page.goto(office.url);
      await page.getByRole('button', { name: 'サンプルを開く' }).click();
      await page.locator('.row.is-selected').waitFor();
      const assessmentId = /assessments\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
      expect(assessmentId).toBeTruthy();
      await page.getByRole('link', { name: '回答依頼', exact: true }).click();
      await page.locator('.requests-table').waitFor();
      const makeRequest = async (respondent: string, keys: string) => {
        await page.locator('input[name="respondent"]').fill(respondent);
        await page.locator('select[name="by"]').selectOption('controls');
        await page.locator('input[name="what"]').fill(keys);
        await page.locator('input[name="passphrase"]').fill(PASS);
        await page.locator('input[name="passphrase2"]').fill(PASS);
        return download(page, () => page.locator('button[name="createRequest"]').click());
      };
      const itRequest = await makeRequest('情報システム部', '4.4.2,4.4.3');
      const hrRequest = await makeRequest('人事部', '4.4.4');
      await expect.poll(() => page.locator('.requests-table tbody tr[data-state="out"]').count()).toBe(2);

      // Each department opens its request in its own workspace, sees only its controls, answers and seals.
      const answer = async (app: RunningApp, file: string, controls: string[], label: string) => {
        await page.goto(app.url);
        await page.getByRole('link', { name: '回答する依頼', exact: true }).click();
        await pickFile(page, 'requestFile', file);
        await page.locator('input[name="passphrase"]').fill(PASS);
        await page.locator('button[name="openRequest"]').click();
        await page.locator('.response-control').first().waitFor({ timeout: 60_000 });
        expect(
          await page.locator('.response-control').evaluateAll((els) => els.map((e) => e.getAttribute('data-control'))),
        ).toEqual(controls);
        for (const c of controls) {
          const card = page.locator(`.response-control[data-control="${c}"]`);
          await card.getByLabel(label, { exact: true }).check();
          await card.locator('textarea[name="comment"]').fill(`${c}: 部署で確認済み`);
          await card.locator('button[name="saveAnswer"]').click();
          await card.locator('.badge--answered').waitFor();
        }
        await shot(page, `response-${controls[0]}-ja`);
        await page.locator('.card[aria-label] input[name="passphrase"]').last().fill(PASS);
        await page.locator('input[name="passphrase2"]').fill(PASS);
        return download(page, () => page.locator('button[name="sealResponse"]').click());
      };
      const itResponse = await answer(it, itRequest, ['4.4.2', '4.4.3'], '実施');
      const hrResponse = await answer(hr, hrRequest, ['4.4.4'], '未実施');

      // Back at the head office: both responses imported.
      await page.goto(office.url);
      await page.locator('.table').first().waitFor();
      await page.evaluate((h) => {
        window.location.hash = h;
      }, `#/assessments/${assessmentId}/requests`);
      for (const f of [itResponse, hrResponse]) {
        await pickFile(page, 'responseFile', f);
        await page.locator('input[name="importPassphrase"]').fill(PASS);
        await page.locator('button[name="importResponse"]').click();
        await page.locator('[data-testid="response-summary"]').waitFor({ timeout: 60_000 });
      }
      await expect.poll(() => page.locator('.requests-table tbody tr[data-state="answered"]').count()).toBe(2);
      await shot(page, 'requests-tracking-ja');
      const history = (await api(office, 'audit.history', { assessmentId })) as {
        action: string;
        actor: string;
        entityId: string;
        newValue: Record<string, unknown>;
      }[];
      const byControl = (k: string) =>
        history.find((h) => h.action === 'answer.set' && h.entityId === k && h.newValue.request !== undefined);
      expect(byControl('4.4.2')).toMatchObject({
        actor: '田中 (情報システム部)',
        newValue: { respondent: '情報システム部' },
      });
      expect(byControl('4.4.4')).toMatchObject({ actor: '佐藤 (人事部)', newValue: { respondent: '人事部' } });
      await office.stop();
      stopped = true;
      const out: string[] = [];
      const code = await runCli(['--data-dir', officeDir, 'audit', 'verify'], {
        out: (s) => void out.push(s),
        err: (s) => void out.push(s),
      });
      expect(code, out.join('\n')).toBe(0);
    } finally {
      await context.close();
      if (!stopped) await office.stop();
      await it.stop();
      await hr.stop();
    }
  }, 300_000);
});
