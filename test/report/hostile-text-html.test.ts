import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { buildReportModel } from '../../src/core/report/model';
import { collectReportInput, reportHtml } from '../../src/main/report/build';
import { launchReportBrowser } from '../../src/main/report/render/pdf';
import { chromiumPath } from '../support/chromium';
import { freshRuntime } from '../support/workspace';

// The report's HTML (what Chromium prints to PDF) with hostile text: a 5,000-letter unbroken comment and a U+202E.
let browser: Browser;
beforeAll(async () => {
  browser = await launchReportBrowser(chromiumPath());
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('report HTML with hostile text', () => {
  it('keeps the A4 sheet width and does not let a U+202E reverse the neighbouring cell', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'ipa-web-meeting' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: 'S-1.1',
      value: 'implemented',
      comment: `\u202Eevil ${'A'.repeat(5000)}`,
      justification: 'justification reads left to right',
    });
    const html = reportHtml(buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' })));
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    try {
      await page.setContent(html);
      const r = await page.evaluate(() => {
        const cell = [...document.querySelectorAll('td')].find((td) => td.textContent?.startsWith('justification'));
        const node = cell?.firstChild as Text;
        const at = (i: number) => {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          return range.getBoundingClientRect().left;
        };
        const body = document.body.getBoundingClientRect().width;
        return {
          scroll: document.documentElement.scrollWidth,
          view: window.innerWidth,
          body,
          isolate: getComputedStyle(cell as Element).unicodeBidi,
          wrap: getComputedStyle(document.body).overflowWrap,
          first: at(0),
          last: at((node.textContent ?? '').length - 1),
        };
      });
      expect(r.scroll).toBeLessThanOrEqual(r.view);
      expect(r.wrap).toBe('anywhere');
      expect(r.isolate).toBe('isolate');
      expect(r.first).toBeLessThan(r.last);
    } finally {
      await page.close();
    }
  });
});
