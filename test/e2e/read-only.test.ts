import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFileReadOnly } from '../support/faults';
import { tempDir } from '../support/workspace';
import { launchChromium, shot, startApp } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('a read-only workspace in the browser', () => {
  it('shows the read-only banner on every page (the shell itself starts read-only within 2 s: test/web/faults.test.ts)', async (t) => {
    const dataDir = tempDir();
    expect(
      spawnSync(process.execPath, [`${__dirname}/../../bin/tenken.cjs`, '--data-dir', dataDir, 'demo'], {
        encoding: 'utf8',
      }).status,
    ).toBe(0);
    if (!makeFileReadOnly(`${dataDir}/tenken.sqlite`))
      return t.skip('this file system cannot make a file read-only for root (chattr +i)');
    const began = Date.now();
    const app = await startApp(dataDir);
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(app.url);
    const banner = page.getByTestId('read-only-banner');
    await banner.waitFor();
    expect(Date.now() - began).toBeLessThan(5_000); // shell start (2 s, tested apart) plus Chromium's page load
    await expect.poll(() => banner.innerText()).toMatch(/読み取り専用/);
    await page.getByRole('link', { name: 'カタログ', exact: true }).click();
    await banner.waitFor();
    await shot(page, 'e2e-read-only');
    await app.stop();
  });
});
