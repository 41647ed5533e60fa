import { existsSync } from 'node:fs';

/** The system Chromium (Debian's package in CI); TENKEN_CHROMIUM overrides. Playwright never downloads a browser here. */
export function chromiumPath(): string {
  const candidates = [process.env.TENKEN_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('No Chromium found: install it (apt-get install chromium) or set TENKEN_CHROMIUM');
  return found;
}

/** Offline, headless, no background traffic (the machine's closed network refuses it anyway). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
