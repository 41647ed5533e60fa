import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../src/main/electron/menu';
import { hardenApp, isAllowedFrameUrl } from '../../src/main/electron/security';
import { mainWindowOptions } from '../../src/main/electron/window-options';
import { createI18n } from '../../src/shared/i18n';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((m) => [
    ...(m.role ? [String(m.role)] : []),
    ...(Array.isArray(m.submenu) ? roles(m.submenu as MenuItemConstructorOptions[]) : []),
  ]);

describe('DevTools', () => {
  it('are off in a packaged app (and by default), on only in development', () => {
    expect(mainWindowOptions('/p.cjs', 'T', { packaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', 'T').webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', 'T', { packaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('have no "Toggle DevTools" menu item in a packaged app, on any platform', () => {
    const t = createI18n('ja').t;
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(roles(menuTemplate(t, platform, { packaged: true }))).not.toContain('toggleDevTools');
      expect(roles(menuTemplate(t, platform))).not.toContain('toggleDevTools');
      expect(roles(menuTemplate(t, platform, { packaged: false }))).toContain('toggleDevTools');
    }
  });

  it('follow app.isPackaged in the main process', () => {
    const main = readFileSync(join(__dirname, '../../src/main/electron/main.ts'), 'utf8');
    expect(main.match(/\{ packaged: app\.isPackaged \}/g)).toHaveLength(2);
  });
});

describe('frame navigation', () => {
  it("lets a frame go only to the app's own pages, a blob the app made, or the PDF viewer", () => {
    expect(isAllowedFrameUrl('app://tenken/index.html#/assessments')).toBe(true);
    expect(isAllowedFrameUrl('blob:app://tenken/6f0c2a4e-1111-4222-8333-444455556666')).toBe(true);
    expect(isAllowedFrameUrl('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://other/index.html',
      'blob:https://evil.example/6f0c2a4e',
      'blob:null/6f0c2a4e',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x.html',
      'not a url',
    ])
      expect(isAllowedFrameUrl(url), url).toBe(false);
  });

  it('cancels will-frame-navigate to anywhere else, in every web contents', () => {
    let created: ((e: unknown, contents: unknown) => void) | undefined;
    hardenApp({
      on: (_: string, fn: never) => {
        created = fn;
      },
    } as never);
    const listeners = new Map<string, (e: { url: string; preventDefault: () => void }) => void>();
    created?.({}, { on: (name: string, fn: never) => listeners.set(name, fn), setWindowOpenHandler: () => undefined });
    const go = (url: string) => {
      const e = { url, isMainFrame: false, preventDefault: vi.fn() };
      listeners.get('will-frame-navigate')?.(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(listeners.has('will-frame-navigate')).toBe(true);
    expect(go('https://evil.example/')).toBe(true);
    expect(go('blob:app://tenken/6f0c2a4e')).toBe(false);
  });
});
