import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const SOFFICE = [process.env.TENKEN_SOFFICE, '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']
  .filter((p): p is string => !!p)
  .find((p) => existsSync(p));
if (!SOFFICE) console.warn('[skip] soffice not found: LibreOffice round trip of the answer workbook SKIPPED');
const work = mkdtempSync(join(tmpdir(), 'tenken-answers-wb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Sets the answer cell of the first `n` rows of catalog `catalog` to `label`. */
async function fill(file: string, sheetName: string, label: string, n: number, out: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheetName) as ExcelJS.Worksheet;
  let done = 0;
  ws.eachRow((r, i) => {
    if (i === 1 || done >= n || r.getCell(1).value !== 'ismap' || r.getCell(4).value === label) return;
    r.getCell(4).value = label;
    done++;
  });
  await wb.xlsx.writeFile(out);
}

async function setup() {
  const d = tempDir();
  const demo = await cli('--data-dir', d, '--json', 'demo');
  const id = (JSON.parse(demo.out) as { id: string }).id;
  return { d, id };
}

describe('tenken answers export / import', () => {
  it('exports, shows the diff without --apply (nothing changes), applies with --apply, and refuses a bad cell by sheet/row/column', async () => {
    const { d, id } = await setup();
    const file = join(work, 'a.xlsx');
    const e = await cli('--data-dir', d, '--lang', 'ja', 'answers', 'export', '--assessment', id, '--out', file);
    expect(e.code, e.err).toBe(0);
    expect(e.out).toContain('回答ワークブックを書き出しました');
    const filled = join(work, 'filled.xlsx');
    await fill(file, '回答', '実施', 3, filled);

    const preview = await cli('--data-dir', d, '--lang', 'ja', 'answers', 'import', filled, '--assessment', id);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out.split('\n').filter((l) => /回答: .* → 実施$/.test(l))).toHaveLength(3);
    expect(preview.out).toContain('--apply');
    const again = await cli('--data-dir', d, '--json', 'answers', 'import', filled, '--assessment', id);
    expect((JSON.parse(again.out) as { changes: unknown[] }).changes).toHaveLength(3); // nothing was applied

    const applied = await cli(
      '--data-dir',
      d,
      '--lang',
      'en',
      'answers',
      'import',
      filled,
      '--assessment',
      id,
      '--apply',
    );
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain('Applied 3 changes (3 controls).');

    const bad = join(work, 'bad.xlsx');
    await fill(file, '回答', '多分', 1, bad);
    const refused = await cli('--data-dir', d, '--lang', 'ja', 'answers', 'import', bad, '--assessment', id, '--apply');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/「回答」シートの D\d+ セル: 回答「多分」は選択肢にありません/);
  });

  it.skipIf(!SOFFICE)(
    'stays importable after a round trip through LibreOffice Calc (soffice --convert-to xlsx)',
    async () => {
      const { d, id } = await setup();
      const file = join(work, 'lo.xlsx');
      expect((await cli('--data-dir', d, 'answers', 'export', '--assessment', id, '--out', file)).code).toBe(0);
      const filled = join(work, 'lo-filled.xlsx');
      await fill(file, '回答', '実施', 10, filled);
      const outDir = join(work, 'converted');
      const r = spawnSync(
        SOFFICE as string,
        [
          `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          outDir,
          filled,
        ],
        { encoding: 'utf8', timeout: 180_000, env: { ...process.env, HOME: work, SAL_USE_VCLPLUGIN: 'svp' } },
      );
      expect(r.status, r.stderr).toBe(0);
      const converted = join(outDir, 'lo-filled.xlsx');
      expect(readFileSync(converted).length).toBeGreaterThan(1000);
      const p = await cli('--data-dir', d, '--json', 'answers', 'import', converted, '--assessment', id);
      expect(p.code, p.err + p.out).toBe(0);
      const diff = JSON.parse(p.out) as { changes: { field: string; after: string }[]; problems: unknown[] };
      expect(diff.problems).toEqual([]);
      expect(diff.changes).toHaveLength(10);
      expect(diff.changes.every((c) => c.field === 'value' && c.after === 'implemented')).toBe(true);
    },
    240_000,
  );
});
