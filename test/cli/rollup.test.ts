import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tenken rollup', () => {
  it('prints the assessments of a catalog side by side and writes the workbook', async () => {
    const d = tempDir();
    const ids: string[] = [];
    for (const [name, org, value] of [
      ['本社 2026', '本社', 'not_implemented'],
      ['支社 2026', '支社', 'partial'],
    ] as const) {
      const c = await cli(
        '--data-dir',
        d,
        '--json',
        'assessment',
        'create',
        '--name',
        name,
        '--catalog',
        'ipa-web-meeting',
        '--organization',
        org,
      );
      expect(c.code).toBe(0);
      const id = (JSON.parse(c.out) as { id: string }).id;
      ids.push(id);
      expect(
        (await cli('--data-dir', d, 'answer', '--assessment', id, '--control', 'S-2.1', '--value', value)).code,
      ).toBe(0);
    }
    const text = await cli('--data-dir', d, '--lang', 'ja', 'rollup', '--catalog', 'ipa-web-meeting');
    expect(text.code).toBe(0);
    expect(text.out).toContain('本社 2026');
    expect(text.out).toContain('支社 2026');
    expect(text.out).toMatch(/共通の弱点: S-2\.1/);

    const file = join(d, 'rollup.xlsx');
    const w = await cli(
      '--data-dir',
      d,
      '--lang',
      'en',
      'rollup',
      '--catalog',
      'ipa-web-meeting',
      '--assessments',
      ids.join(','),
      '--out',
      file,
    );
    expect(w.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Scores by group', 'By organization', 'Weak everywhere']);

    const bad = await cli(
      '--data-dir',
      d,
      'rollup',
      '--catalog',
      'ipa-web-meeting',
      '--assessments',
      '00000000-0000-4000-8000-000000000000',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('00000000-0000-4000-8000-000000000000');
  });
});
