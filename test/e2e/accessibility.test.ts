import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp, type RunningApp } from './support';

/**
 * Accessibility of the main screens, in ja and en, checked by axe-core in the browser shell: a violation of impact
 * `serious` or `critical` (missing names and labels, contrast under 4.5:1, wrong roles, …) fails the test, each one
 * printed with its rule, impact, element and axe's help text so it can be fixed where it is.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASS = 'violet anchor mango drift lemon quartz';

type Violation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] };

let browser: Browser;
let app: RunningApp;
let demoId = '';
let requestId = '';
beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp(tempDir());
  demoId = ((await api('demo.create', {})) as { id: string }).id;
  // One request out, so the requests page shows its table with a row; the same workspace opens it as the respondent.
  const d = (await api('assessments.get', { id: demoId })) as {
    controls: { controlId: string; assessable: boolean; applicable: boolean }[];
  };
  const keys = d.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
  const req = (await api('requests.create', {
    assessmentId: demoId,
    respondent: '人事部',
    selector: { by: 'controls', controlKeys: keys.slice(0, 2) },
    passphrase: PASS,
    due: '2099-03-31',
  })) as { content: string };
  requestId = ((await api('responses.open', { content: req.content, passphrase: PASS })) as { requestId: string })
    .requestId;
});
afterAll(async () => {
  await app?.stop();
  await browser?.close();
});

async function api(channel: string, input: unknown): Promise<unknown> {
  const r = await fetch(`${app.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}`, Origin: app.origin },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** Runs axe over the page as it is now and returns the serious and critical violations, one line per element. */
async function audit(page: Page, screen: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (scripts from 'self' only) does not govern; an
  // inline <script> tag would be refused by it, as it should be.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown }> } })
      .axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${screen}: ${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${v.help}`));
}

/**
 * Anything that looks clickable (a pointer cursor) must be reachable by the keyboard: a link, a button, a form
 * control, a label whose control takes the focus, or inside something focusable (the control list takes the keys).
 */
async function unreachable(page: Page, screen: string): Promise<string[]> {
  const found = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).cursor === 'pointer')
      .filter((el) => {
        if (
          el.closest(
            'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]',
          )
        )
          return false;
        // A label counts only when its control can take the focus (not a hidden file input behind a label).
        const control = el.closest('label')?.control;
        return !(control && control.getClientRects().length > 0);
      })
      .map(
        (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 30)}"`,
      ),
  );
  return found.map((f) => `${screen}: clickable but not reachable by keyboard: ${f}`);
}

/** Presses Tab until the focus is on an element matching `selector` (and, if given, containing `text`). */
async function tabTo(page: Page, selector: string, text?: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      ([sel, txt]) => {
        const el = document.activeElement;
        return !!el && el.matches(sel as string) && (!txt || (el.textContent ?? '').includes(txt));
      },
      [selector, text ?? ''] as const,
    );
    if (hit) return;
  }
  throw new Error(`Tab never reached ${selector}${text ? ` "${text}"` : ''}`);
}

async function go(page: Page, hash: string, ready: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.locator(ready).first().waitFor();
}

describe.each(['ja', 'en'] as const)('accessibility of the main screens in %s', (lang) => {
  it('has no serious or critical axe violation on any main screen', async () => {
    await api('settings.update', { language: lang });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const found: string[] = [];
    const check = async (screen: string) => {
      found.push(...(await audit(page, screen)), ...(await unreachable(page, screen)));
      await shot(page, `a11y-${screen}-${lang}`);
    };
    try {
      await page.goto(app.url);
      await page.locator(`html[lang="${lang}"]`).waitFor();
      await page.locator('.table').waitFor();
      await check('home');
      await go(page, '#/new', '.choice');
      await check('new');
      await go(page, `#/assessments/${demoId}`, '.row.is-selected');
      await page.keyboard.press('x'); // the selected row into the batch selection: the batch bar shows
      await page.locator('.batch-bar').waitFor();
      await check('answering');
      await page.keyboard.press('?');
      await page.locator('.modal').waitFor();
      await check('keys');
      await page.keyboard.press('Escape');
      await page.locator('.modal').waitFor({ state: 'detached' });
      await go(page, `#/assessments/${demoId}/dashboard`, '.dash-card');
      await check('dashboard');
      await go(page, `#/assessments/${demoId}/report`, '.report-formats');
      await check('report');
      await go(page, '#/catalogs', '.catalog-card');
      await check('catalogs');
      await go(page, '#/catalogs/import', '.dropzone');
      await check('catalog-import');
      await go(page, '#/settings', '.segmented');
      await check('settings');
      await go(page, '#/rollup', '[data-testid="rollup-groups"]');
      await check('rollup');
      await go(page, `#/assessments/${demoId}/requests`, '.requests-table');
      await check('requests');
      await go(page, '#/responses', '.response-items');
      await check('responses');
      await go(page, `#/responses/${requestId}`, '.response-control');
      await check('response');
    } finally {
      await page.close();
    }
    if (found.length) console.log(found.join('\n'));
    expect(found).toEqual([]);
  });
});

describe('the main actions by keyboard alone', () => {
  it('Tab reaches the control list, a number key answers, Enter opens evidence, a dialog and a report export', async () => {
    await api('settings.update', { language: 'ja' });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(app.url);
      await go(page, `#/assessments/${demoId}`, '.row.is-selected');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

      // The list by Tab; it names the selected row as its active one; j moves to an unanswered row, 1 answers it.
      await tabTo(page, '[role="listbox"]');
      const active = await page.locator('[role="listbox"]').getAttribute('aria-activedescendant');
      expect(await page.locator('.row.is-selected').getAttribute('id')).toBe(active);
      for (let i = 0; i < 40 && (await page.locator('.row.is-selected .chip--empty').count()) === 0; i++)
        await page.keyboard.press('j');
      const id = await page.locator('.row.is-selected').getAttribute('data-control');
      await page.keyboard.press('1');
      await expect.poll(() => page.locator(`.row[data-control="${id}"] .chip`).textContent()).toBe('実施');

      // Evidence: the attach button by Tab, Enter opens the file chooser.
      await tabTo(page, 'button', 'ファイルを添付');
      const chooser = page.waitForEvent('filechooser');
      await page.keyboard.press('Enter');
      expect((await chooser).isMultiple()).toBe(true);

      // A dialog: Enter opens it with the focus inside, Esc closes it and gives the focus back.
      await tabTo(page, 'button[name="editDetails"]');
      await page.keyboard.press('Enter');
      await page.locator('.modal').waitFor();
      expect(await page.evaluate(() => !!document.activeElement?.closest('.modal'))).toBe(true);
      await page.keyboard.press('Escape');
      await page.locator('.modal').waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('editDetails');

      // The report: Tab to an export and Enter downloads it.
      await go(page, `#/assessments/${demoId}/report`, '.report-formats');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await tabTo(page, 'button', 'CSV を出力');
      const download = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      expect((await download).suggestedFilename()).toMatch(/\.csv$/);
      await shot(page, 'a11y-keyboard-report-ja');
    } finally {
      await context.close();
    }
  });
});
