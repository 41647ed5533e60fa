import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/workspace';

// Electron cannot be downloaded here: the afterPack hook is run on a stand-in executable that carries Electron's
// fuse wire (sentinel, version 1, length, one byte per fuse: '0' off, '1' on), as a packaged binary does.
const root = join(__dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off,
// ASAR only off, V8 snapshot off, file: privileges on, and one fuse newer than @electron/fuses knows.
const DEFAULT_WIRE = '101100011';

type AfterPack = ((context: unknown) => Promise<void>) & {
  FUSES: Record<number, boolean>;
  electronBinary: (context: unknown) => string;
};
const afterPack = (await import(join(root, 'scripts/after-pack.cjs'))).default as AfterPack;
const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');

function fakeElectron(dir: string, name: string): string {
  const wire = Buffer.concat([
    Buffer.from('ELF...padding...'),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('...rest of the binary'),
  ]);
  const path = join(dir, name);
  writeFileSync(path, wire);
  return path;
}

describe('Electron fuses (electron-builder afterPack)', () => {
  it('is the afterPack hook of electron-builder.yml, as its own config loader reads it', async () => {
    const { getConfig } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      getConfig: (dir: string, path: string | null, fromOptions: null) => Promise<Record<string, unknown>>;
    };
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    // The hook runs before signing (afterSign would change a signed binary) and the built-in electronFuses is unused.
    expect(config.afterSign).toBeUndefined();
    expect(config.electronFuses).toBeUndefined();
  });

  it('turns off RunAsNode, NODE_OPTIONS and --inspect, turns on cookie encryption, ASAR integrity and ASAR only', () => {
    expect(afterPack.FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it.each([
    ['linux', (dir: string) => fakeElectron(dir, 'tenken')],
    ['win32', (dir: string) => fakeElectron(dir, '点検 Tenken.exe')],
  ])('flips the fuses in the packaged %s executable', async (platform, make) => {
    const appOutDir = tempDir();
    const binary = make(appOutDir);
    const before = readFileSync(binary);
    await afterPack({
      appOutDir,
      electronPlatformName: platform,
      packager: { appInfo: { productFilename: '点検 Tenken' }, executableName: 'tenken' },
    });
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    const on = (i: number) => String.fromCharCode(wire[i] as number);
    expect(
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map(on).join(''),
      'RunAsNode, cookies, NODE_OPTIONS, inspect, integrity, asar-only, snapshot, file:, unknown',
    ).toBe('010011001');
    // Nothing else in the file changed.
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, before.indexOf(SENTINEL))).toEqual(before.subarray(0, before.indexOf(SENTINEL)));
  });

  it('finds the fuse file inside the macOS bundle (re-signed ad hoc by @electron/fuses with codesign, macOS only)', () => {
    const context = {
      appOutDir: '/out',
      electronPlatformName: 'darwin',
      packager: { appInfo: { productFilename: '点検 Tenken' }, executableName: 'tenken' },
    };
    expect(afterPack.electronBinary(context)).toBe('/out/点検 Tenken.app');
    const src = readFileSync(join(root, 'scripts/after-pack.cjs'), 'utf8');
    expect(src).toMatch(/resetAdHocDarwinSignature: context\.electronPlatformName === 'darwin'/);
  });
});
