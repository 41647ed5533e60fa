import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../support/chromium';

const BIN = join(__dirname, '../../bin/tenken.cjs');

export type RunningApp = { url: string; origin: string; token: string; stop: () => Promise<void> };

/** Starts the real browser shell (`tenken web`) as its own process over a data folder, as a user would. */
export async function startApp(dataDir: string, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'web', '--port', '0'], {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tenken web did not print its URL: ${out} ${err}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tenken web exited (${code}): ${err}`));
    });
  });
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    token: url.split('#token=')[1] as string,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** With TENKEN_SCREENSHOTS=DIR, e2e tests leave screenshots of what they saw there. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.TENKEN_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
