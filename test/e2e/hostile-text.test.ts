import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp, type RunningApp } from './support';

/**
 * Hostile text a user can type (#16): a 5,000-letter unbroken comment must wrap instead of widening the page, and a
 * right-to-left override (U+202E) in one name must not reverse the text shown next to it.
 */
const LONG = 'A'.repeat(5000);
const RLO_ORG = '株式会社\u202Eevil';

let browser: Browser;
let app: RunningApp;
beforeAll(async () => {
  browser = await launchChromium();
  app = await startApp(tempDir());
});
afterAll(async () => {
  await app?.stop();
  await browser?.close();
});

async function api<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([origin, token, channel, input]) => {
      const r = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      const body = (await r.json()) as { ok: boolean; value: unknown; error?: unknown };
      if (!body.ok) throw new Error(JSON.stringify(body.error));
      return body.value as never;
    },
    [app.origin, app.token, channel, input] as const,
  );
}

/** Left edges of the first and last character of an element's text, as laid out on the screen. */
const charEdges = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!node) throw new Error('no text');
    const text = node.textContent ?? '';
    const at = (i: number) => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getBoundingClientRect().left;
    };
    return { first: at(0), last: at(text.trimEnd().length - 1) };
  });

describe('hostile text in the browser shell', () => {
  it('wraps a 5,000-letter comment and isolates a U+202E in an organization name from its neighbours', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
    await page.locator('html[lang]').waitFor();
    const a = await api<{ id: string }>(page, 'assessments.create', {
      name: 'N'.repeat(200), // the longest name the contract takes, unbroken
      organization: RLO_ORG,
      catalog: 'ipa-web-meeting',
    });
    await page.goto(`${app.origin}/#/assessments/${a.id}`);
    await page.locator('.row.is-selected').waitFor();
    await page.locator('textarea[name="comment"]').fill(LONG);
    await page.locator('.save-state--ok').waitFor();

    // Nothing is wider than the window: the long name in the heading and the comment wrap.
    const widths = () => page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect((await widths()).doc).toBeLessThanOrEqual((await widths()).view);
    await page.goto(app.url);
    await page.locator('.table__link').first().waitFor();
    expect((await widths()).doc).toBeLessThanOrEqual((await widths()).view);

    // The catalog title shown after the organization still reads left to right.
    await page.goto(`${app.origin}/#/assessments/${a.id}`);
    const meta = page.locator('.answering__meta > span').nth(1);
    await meta.waitFor();
    expect(await meta.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    const edges = await charEdges(page, '.answering__meta > span:nth-child(2)');
    expect(edges.first).toBeLessThan(edges.last);
    await shot(page, 'e2e-hostile-text');
    await page.close();
  });
});
