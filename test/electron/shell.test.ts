import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, ipcChannel } from '../../src/shared/api/channels';
import { isTrustedSender, registerIpc } from '../../src/main/electron/ipc';
import { menuTemplate } from '../../src/main/electron/menu';
import { serveAppRequest } from '../../src/main/electron/protocol';
import { hardenApp, hardenSession, isAllowedRequestUrl } from '../../src/main/electron/security';
import { APP_ENTRY, mainWindowOptions } from '../../src/main/electron/window-options';
import { RENDERER_CSP } from '../../src/main/app/csp';
import { createI18n } from '../../src/shared/i18n';
import { freshRuntime, tempDir } from '../support/workspace';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

describe('window factory', () => {
  it('isolates and sandboxes the renderer, without Node or webviews', () => {
    const prefs = mainWindowOptions('/app/dist/preload.cjs', 'Tenken').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the app from its own protocol, never file:// or the network', () => {
    expect(APP_ENTRY).toBe('app://tenken/index.html');
  });
});

describe('content security policy', () => {
  it("allows only the app's own scripts and connections", () => {
    const directives = Object.fromEntries(
      RENDERER_CSP.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('IPC', () => {
  const fakeEvent = (url: string, mainFrame = true) => {
    const frame = { url };
    return { senderFrame: frame, sender: { mainFrame: mainFrame ? frame : { url } } } as never;
  };

  it('registers every channel of the contract, with the prefix', async () => {
    const rt = await freshRuntime();
    const registered: string[] = [];
    registerIpc(
      {
        handle: (name: string) => {
          registered.push(name);
        },
      } as never,
      rt.ctx,
    );
    expect(registered.sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
  });

  it('accepts only the app page in its main frame', () => {
    expect(isTrustedSender(fakeEvent('app://tenken/index.html'))).toBe(true);
    expect(isTrustedSender(fakeEvent('app://tenken/index.html', false))).toBe(false);
    expect(isTrustedSender(fakeEvent('https://evil.example/'))).toBe(false);
    expect(isTrustedSender(fakeEvent('file:///etc/passwd'))).toBe(false);
    expect(isTrustedSender(fakeEvent('app://other/index.html'))).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender: { mainFrame: null } } as never)).toBe(false);
  });

  it('refuses a foreign sender before the service runs, and validates input for a trusted one', async () => {
    const rt = await freshRuntime();
    const handlers = new Map<string, (e: unknown, input: unknown) => Promise<unknown>>();
    const refused: string[] = [];
    registerIpc(
      {
        handle: (name: string, fn: never) => {
          handlers.set(name, fn);
        },
      } as never,
      rt.ctx,
      undefined,
      (line) => refused.push(line),
    );
    const create = handlers.get(ipcChannel('assessments.create'))!;
    expect(await create(fakeEvent('https://evil.example/'), { name: 'x', catalog: 'ipa-web-meeting' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The refusal is logged with the channel and who sent it.
    expect(refused).toEqual(['[tenken] refused IPC assessments.create from main frame "https://evil.example/"']);
    expect(await create(fakeEvent('app://tenken/index.html'), { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
    expect(rt.ctx.db.prepare('SELECT count(*) AS n FROM assessments').get()).toEqual({ n: 0 });
    expect(await create(fakeEvent('app://tenken/index.html'), { name: 'x', catalog: 'ipa-web-meeting' })).toMatchObject(
      { ok: true },
    );
  });
});

describe('app:// protocol', () => {
  it('serves renderer files with the CSP and refuses traversal, other hosts and methods', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    const ok = serveAppRequest({ method: 'GET', url: 'app://tenken/index.html' }, root);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(serveAppRequest({ method: 'GET', url: 'app://tenken/../../etc/passwd' }, root).status).toBe(404);
    expect(serveAppRequest({ method: 'GET', url: 'app://tenken/%2e%2e%2f%2e%2e%2fetc/passwd' }, root).status).toBe(404);
    expect(serveAppRequest({ method: 'GET', url: 'app://elsewhere/index.html' }, root).status).toBe(404);
    expect(serveAppRequest({ method: 'POST', url: 'app://tenken/index.html' }, root).status).toBe(405);
  });
});

describe('app hardening', () => {
  it('denies navigation, redirects, webviews, new windows and every permission; cancels network requests', () => {
    let created: ((e: unknown, contents: unknown) => void) | undefined;
    hardenApp({
      on: (_: string, fn: never) => {
        created = fn;
      },
    } as never);
    const listeners = new Map<string, (e: { preventDefault: () => void }) => void>();
    let openHandler: (() => unknown) | undefined;
    created?.(
      {},
      {
        on: (name: string, fn: never) => listeners.set(name, fn),
        setWindowOpenHandler: (fn: never) => {
          openHandler = fn;
        },
      },
    );
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      listeners.get(name)?.(e);
      expect(e.preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });

    let permission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    hardenSession({
      setPermissionRequestHandler: (fn: never) => {
        permission = fn;
      },
      setPermissionCheckHandler: (fn: never) => {
        check = fn;
      },
      webRequest: {
        onBeforeRequest: (fn: never) => {
          before = fn;
        },
      },
    } as never);
    const cb = vi.fn();
    permission?.({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
    const decide = vi.fn();
    before?.({ url: 'https://example.com/' }, decide);
    expect(decide).toHaveBeenCalledWith({ cancel: true });
    expect(isAllowedRequestUrl('app://tenken/assets/x.js')).toBe(true);
    expect(isAllowedRequestUrl('http://127.0.0.1:1/')).toBe(false);
  });

  it('builds the menu in Japanese and English', () => {
    expect(menuTemplate(createI18n('ja').t, 'linux').map((m) => m.label)).toEqual([
      'ファイル',
      '編集',
      '表示',
      'ウインドウ',
    ]);
    expect(menuTemplate(createI18n('en').t, 'linux').map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
  });
});
