import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDataDir, defaultUserDataDir } from '../../src/main/workspace/paths';
import { tempDir } from '../support/workspace';

describe('choosing the data folder', () => {
  it('prefers --data-dir, then TENKEN_DATA_DIR, then a portable tenken-data folder, then the OS folder', () => {
    const exe = tempDir();
    const env = { TENKEN_DATA_DIR: '/tmp/from-env', HOME: '/home/u' };
    expect(chooseDataDir({ flag: '/tmp/from-flag', env, executableDirs: [exe] })).toMatchObject({
      dir: '/tmp/from-flag',
      source: 'flag',
    });
    expect(chooseDataDir({ env, executableDirs: [exe] })).toMatchObject({ dir: '/tmp/from-env', source: 'env' });
    expect(chooseDataDir({ env: {}, executableDirs: [exe] })).toMatchObject({ source: 'default', portable: false });
    mkdirSync(join(exe, 'tenken-data'));
    expect(chooseDataDir({ env: {}, executableDirs: [exe] })).toMatchObject({
      dir: join(exe, 'tenken-data'),
      source: 'portable',
      portable: true,
    });
  });

  it("uses each OS's user-data folder", () => {
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('Tenken');
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Tenken');
    expect(defaultUserDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Tenken$/);
  });
});
