import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (s) => {
      out.push(s);
    },
    err: (s) => {
      err.push(s);
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const EXCEL_CSV =
  [
    '管理策番号,管理策名,詳細',
    '1,組織の方針,"方針を定める。\n髙﨑部長が承認する。"',
    '1.1,方針の周知①,全従業員に周知する（年１２回）。',
  ].join('\r\n') + '\r\n';

describe('tenken catalog import/validate with awkward files', () => {
  it('imports the Shift_JIS CSV Japanese Excel saves, says it read Shift_JIS, and finds its text', async () => {
    const d = tempDir();
    const file = join(d, '管理策.csv');
    writeFileSync(file, iconv.encode(EXCEL_CSV, 'cp932'));
    const checked = await cli('--data-dir', d, '--lang', 'ja', 'catalog', 'validate', file);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('文字コード: Shift_JIS（cp932、日本語版 Excel）（自動判定）');
    const imported = await cli('--data-dir', d, '--json', 'catalog', 'import', file);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ status: 'added', catalog: { nodeCount: 2 } });
    const found = await cli('--data-dir', d, '--json', 'catalog', 'search', '髙﨑');
    expect((JSON.parse(found.out) as { controlId: string }[]).map((h) => h.controlId)).toEqual(['1']);
  });

  it('reads the file in the --encoding given, and refuses a wrong one with the line and byte', async () => {
    const d = tempDir();
    const file = join(d, 'list.csv');
    writeFileSync(file, iconv.encode('id,title\r\n1,方針\r\n', 'cp932'));
    const ok = await cli('--data-dir', d, '--lang', 'en', 'catalog', 'validate', file, '--encoding', 'cp932');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Encoding: Shift_JIS (cp932, Japanese Excel) (as chosen)');
    const wrong = await cli('--data-dir', d, '--lang', 'en', 'catalog', 'import', file, '--encoding', 'utf-8');
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain(
      `${file}:2:3: error: (root): The file cannot be read as UTF-8: byte 12 (line 2, column 3) is not valid in it.`,
    );
    const unknown = await cli('--data-dir', d, 'catalog', 'validate', file, '--encoding', 'euc-jp');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('--encoding utf-8|utf-16le|utf-16be|shift_jis');
  });

  it('refuses an alias bomb and 2,000-level nesting with their own messages and no stack trace', async () => {
    const d = tempDir();
    const bomb = join(d, 'bomb.yaml');
    writeFileSync(
      bomb,
      [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      ].join('\n'),
    );
    const deep = join(d, 'deep.yaml');
    writeFileSync(deep, `${'['.repeat(2000)}${']'.repeat(2000)}\n`);
    const garbage = join(d, 'logo.yaml');
    writeFileSync(garbage, Buffer.from('89504e470d0a1a0a0000000d4948445200', 'hex'));
    for (const [file, message] of [
      [bomb, `${bomb}:2:8: error: (root): The aliases (*name) expand into too much data (more than 100 references)`],
      [deep, `${deep}:1:`],
      [garbage, 'This is not a text file: control character U+0000'],
    ] as const) {
      const r = await cli('--data-dir', d, '--lang', 'en', 'catalog', 'import', file);
      expect(r.code, file).not.toBe(0);
      expect(r.out, file).toContain(message);
      expect(`${r.out}\n${r.err}`, file).not.toMatch(/\n\s+at |unexpected error|Maximum call stack/i);
    }
    expect((await cli('--data-dir', d, '--lang', 'en', 'catalog', 'validate', deep)).out).toContain(
      'The file nests too deeply (more than 64 levels',
    );
  });
});
