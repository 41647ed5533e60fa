import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder cannot package offline (it downloads Electron), so its configuration is checked with its own
// loader and schema validator instead (internal paths of app-builder-lib 26; pinned through electron-builder ^26).
const root = join(__dirname, '../..');

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and keeps the packaging rules', async () => {
    const { getConfig, validateConfiguration } =
      (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
        getConfig: (dir: string, path: string | null, fromOptions: null) => Promise<Record<string, unknown>>;
        validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
      };
    const { DebugLogger } = (await import('builder-util')) as unknown as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('jp.tenken.app');
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
    expect(JSON.stringify(config.extraResources)).toContain('"to":"catalogs"');
    expect((config.win as { target: string[] }).target).toEqual(['nsis', 'portable']);
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string }).target).toBe('dmg');
    for (const f of ['dist/electron-main.cjs', 'dist/preload.cjs', 'dist/renderer/**'])
      expect(JSON.stringify(config.files)).toContain(f);
  });

  it('points package.json main at the built Electron entry', async () => {
    const pkg = (await import(join(root, 'package.json'))) as {
      main: string;
      name: string;
      allowScripts: Record<string, boolean>;
    };
    expect(pkg.main).toBe('dist/electron-main.cjs');
    expect(pkg.name).toBe('tenken');
    // Electron's download is deferred to `npm start` so `npm install` succeeds offline.
    expect(pkg.allowScripts.electron).toBe(false);
  });
});
