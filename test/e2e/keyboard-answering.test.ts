import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
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

const BIN = join(__dirname, '../../bin/tenken.cjs');
/** Brings a control into view the way a user would: filter by its ID, pick it, clear the filter, leave the field. */
async function goTo(page: Page, id: string) {
  await page.locator('input[type="search"]').fill(id);
  await page.locator(`.row[data-control="${id}"]`).click();
  await page.locator('input[type="search"]').fill('');
  await page.keyboard.press('Escape'); // leave the search field; keys act on the list again
  await expect.poll(() => page.locator('.row.is-selected').getAttribute('data-control')).toBe(id);
}
const tenken = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, '--data-dir', dataDir, ...args], { encoding: 'utf8' });

describe('answering PCI DSS with the keyboard', () => {
  it('answers 30 controls, attaches evidence to two, marks one, and everything survives a reload with its history', async () => {
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
          'PCI DSS 2026',
          '--catalog',
          'pci-dss@4.0.1',
          '--organization',
          'カード決済株式会社',
        ],
        { encoding: 'utf8' },
      ),
    ) as { id: string };
    const evidenceFile = join(tempDir(), 'firewall-rules.txt');
    writeFileSync(evidenceFile, 'permit tcp any host 10.0.0.5 eq 443\n');
    const screenshotFile = join(tempDir(), 'nsc-config.png');
    writeFileSync(
      screenshotFile,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    );

    let app = await startApp(dataDir);
    let page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pendingFiles: string[] = [];
    page.on('filechooser', (fc) => {
      const f = pendingFiles.shift();
      if (f) void fc.setFiles(f);
    });
    await page.goto(app.url);
    await page.evaluate((id) => {
      window.location.hash = `#/assessments/${id}`;
    }, created.id);
    await page.locator('.row.is-selected').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? '')).not.toMatch(/INPUT|TEXTAREA/); // keys go to the list

    // 30 answers with number keys, moving with j; the scale is In Place(1) / CCW(2) / N/A(3) / Not Tested(4) / Not in Place(5).
    const answered: { id: string; key: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const id = (await page.locator('.row.is-selected').getAttribute('data-control')) as string;
      const key = i % 7 === 6 ? '5' : '1';
      await page.keyboard.press(key);
      await expect
        .poll(() => page.locator(`.row[data-control="${id}"] .chip`).getAttribute('class'))
        .not.toContain('chip--empty');
      answered.push({ id, key });
      await page.keyboard.press('j');
    }
    await expect.poll(() => page.locator('.progress__text').first().textContent()).toContain('30 /');

    // Evidence on two controls through the keyboard's e (file chooser), and one control marked for review with m.
    for (const [n, file] of [
      [0, evidenceFile],
      [1, screenshotFile],
    ] as const) {
      const id = answered[n]!.id;
      await goTo(page, id);
      // Playwright enables file-chooser interception asynchronously when the first listener is added; the listener
      // was added when the page opened, so this key press cannot race it.
      pendingFiles.push(file);
      await page.keyboard.press('e');
      await expect.poll(() => page.locator('.evidence__item').count()).toBe(1);
    }
    await goTo(page, answered[2]!.id);
    await page.keyboard.press('m');
    await expect.poll(() => page.locator(`.row[data-control="${answered[2]!.id}"] .row__flag`).count()).toBe(1);
    await expect.poll(() => page.locator('.save-state--ok').count()).toBe(1);
    await shot(page, 'e2e-keyboard-pci-ja');

    // Reload: a new page over a restarted app.
    await page.close();
    await app.stop();
    app = await startApp(dataDir);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.url);
    await page.evaluate((id) => {
      window.location.hash = `#/assessments/${id}`;
    }, created.id);
    await page.locator('.row.is-selected').waitFor();
    await expect.poll(() => page.locator('.progress__text').first().textContent()).toContain('30 /');
    for (const a of answered) {
      const chip = page.locator(`.row[data-control="${a.id}"] .chip`);
      if ((await chip.count()) === 0) continue; // off-screen rows of the virtual list are checked through the API below
      expect(await chip.getAttribute('class')).toContain(a.key === '1' ? 'chip--compliant' : 'chip--noncompliant');
    }
    const detail = await page.evaluate(
      async ([id, token]) =>
        (await (
          await fetch('/api/assessments.get', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ id }),
          })
        ).json()) as { value: { answers: { controlId: string; value: string; markedForReview: boolean }[] } },
      [created.id, app.token] as const,
    );
    const byId = new Map(detail.value.answers.map((a) => [a.controlId, a]));
    for (const a of answered) expect(byId.get(a.id)?.value, a.id).toBe(a.key === '1' ? 'in_place' : 'not_in_place');
    const evidence = await page.evaluate(
      async ([assessmentId, token]) =>
        (await (
          await fetch('/api/evidence.list', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ assessmentId }),
          })
        ).json()) as { value: { controlKeys: string[] }[] },
      [created.id, app.token] as const,
    );
    const filesFor = (key: string) => evidence.value.filter((e) => e.controlKeys.includes(key)).length;
    expect(filesFor(answered[0]!.id)).toBe(1);
    expect(filesFor(answered[1]!.id)).toBe(1);
    expect(byId.get(answered[2]!.id)?.markedForReview).toBe(true);

    // The history of a control shows its changes; answered[2] has two (answer, then the review mark).
    await goTo(page, answered[2]!.id);
    await page.locator('details.history summary').click();
    await expect.poll(() => page.locator('.history__list > li').count()).toBe(2);
    expect(await page.locator('.history__list').textContent()).toContain('レビュー待ちにした');
    await goTo(page, answered[0]!.id);
    await page.locator('details.history summary').click();
    await expect.poll(() => page.locator('.history__list > li').count()).toBe(2);
    expect(await page.locator('.history__list').textContent()).toContain('firewall-rules.txt');
    await shot(page, 'e2e-history-ja');
    await page.close();
    await app.stop();

    // The history chain verifies; after one audit row is edited in SQLite, it does not.
    const ok = tenken(dataDir, 'audit', 'verify', '--assessment', created.id);
    expect(ok.status, ok.stderr).toBe(0);
    const db = new Database(join(dataDir, 'tenken.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(
      "UPDATE audit_log SET new_value = replace(new_value, 'not_in_place', 'in_place') WHERE seq = (SELECT max(seq) FROM audit_log WHERE new_value LIKE '%not_in_place%')",
    ).run();
    db.close();
    const broken = tenken(dataDir, 'audit', 'verify', '--assessment', created.id);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/改ざん/);
  });
});
