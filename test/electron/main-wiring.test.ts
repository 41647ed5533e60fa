import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, ipcChannel } from '../../src/shared/api/channels';
import { tempDir } from '../support/workspace';

// The Electron binary is not available on our machines: the shell's wiring is checked against a fake electron module.
const fake = vi.hoisted(() => {
  const windows: { options: unknown; url?: string }[] = [];
  const ipc: string[] = [];
  const handlers: Record<string, unknown> = {};
  let ready: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => {
    ready = r;
  });
  class BrowserWindow {
    options: unknown;
    constructor(options: unknown) {
      this.options = options;
      windows.push(this as never);
    }
    once() {}
    loadURL(url: string) {
      (windows.at(-1) as { url?: string }).url = url;
      return Promise.resolve();
    }
  }
  return {
    windows,
    ipc,
    handlers,
    ready: () => ready(),
    module: {
      app: {
        requestSingleInstanceLock: () => true,
        on: (name: string, fn: unknown) => {
          handlers[`app:${name}`] = fn;
        },
        whenReady: () => readyPromise,
        isPackaged: false,
        quit: vi.fn(),
        exit: vi.fn(),
      },
      BrowserWindow,
      ipcMain: { handle: (name: string) => ipc.push(name) },
      Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(),
        handle: (scheme: string, fn: unknown) => {
          handlers[`protocol:${scheme}`] = fn;
        },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          webRequest: { onBeforeRequest: vi.fn() },
        },
      },
      dialog: { showErrorBox: vi.fn() },
    },
  };
});
vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const dataDir = tempDir();
process.env.TENKEN_DATA_DIR = dataDir;
afterAll(() => {
  delete process.env.TENKEN_DATA_DIR;
});

describe('Electron main process wiring', () => {
  it('hardens the session, serves app://, registers every channel and opens one window from the factory', async () => {
    await import('../../src/main/electron/main');
    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 10_000 });
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app' }),
    ]);
    expect(fake.handlers['protocol:app']).toBeTypeOf('function');
    expect(fake.handlers['app:web-contents-created']).toBeTypeOf('function');
    expect(fake.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.module.session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect([...fake.ipc].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
    const win = fake.windows[0] as { options: { webPreferences: Record<string, unknown> }; url: string };
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.url).toBe('app://tenken/index.html');
    expect(fake.module.Menu.setApplicationMenu).toHaveBeenCalled();
  });
});
