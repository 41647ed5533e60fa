import { readFileSync, writeFileSync } from 'node:fs';
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

/** A fresh workspace folder (the shipped catalogs loaded once). */
async function workspace(): Promise<string> {
  const d = tempDir();
  await cli('--data-dir', d, 'catalog', 'list');
  return d;
}

describe('tenken request / response (CLI)', () => {
  it('create → open → answer → seal → import; list shows answered; a second import is refused; audit verify passes', async () => {
    const office = await workspace();
    const dept = await workspace();
    const tmp = tempDir();
    const pass = join(tmp, 'pass.txt');
    writeFileSync(pass, '部署への依頼 2026-spring\n');
    const created = JSON.parse(
      (
        await cli(
          '--data-dir',
          office,
          '--json',
          'assessment',
          'create',
          '--name',
          '自己点検',
          '--catalog',
          'ipa-web-meeting',
        )
      ).out,
    ) as { id: string };
    const id = created.id;
    const detail = JSON.parse((await cli('--data-dir', office, '--json', 'assessment', 'list')).out) as unknown[];
    expect(detail).toHaveLength(1);
    const req = join(tmp, 'req.tenken');
    const made = await cli(
      '--data-dir',
      office,
      '--lang',
      'en',
      'request',
      'create',
      '--assessment',
      id,
      '--respondent',
      'IT department',
      '--controls',
      'S-1.1,S-1.2',
      '--due',
      '2099-01-31',
      '--out',
      req,
      '--passphrase-file',
      pass,
    );
    expect(made.err).toBe('');
    expect(made.out).toContain('Request for IT department: 2 controls');
    // Only the kind shows in clear text.
    expect(readFileSync(req).subarray(0, 200).toString('latin1')).toContain('"kind":"request"');

    const opened = await cli('--data-dir', dept, '--lang', 'en', 'request', 'open', req, '--passphrase-file', pass);
    expect(opened.out).toContain('S-1.1');
    expect(opened.out).not.toContain('S-2.1');
    const ans = await cli('--data-dir', dept, 'response', 'answer', '--control', 'S-1.1', '--value', 'implemented');
    expect(ans.code).toBe(0);
    const resp = join(tmp, 'resp.tenken');
    expect((await cli('--data-dir', dept, 'response', 'seal', '--out', resp, '--passphrase-file', pass)).code).toBe(0);

    const imp = await cli(
      '--data-dir',
      office,
      '--lang',
      'en',
      'response',
      'import',
      resp,
      '--assessment',
      id,
      '--passphrase-file',
      pass,
    );
    expect(imp.err).toBe('');
    expect(imp.out).toContain('1 answers applied');
    const list = await cli('--data-dir', office, '--lang', 'en', 'request', 'list', '--assessment', id);
    expect(list.out).toContain('IT department');
    expect(list.out).toContain('Answered');
    const again = await cli(
      '--data-dir',
      office,
      '--lang',
      'ja',
      'response',
      'import',
      resp,
      '--assessment',
      id,
      '--passphrase-file',
      pass,
    );
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('取り込み済み');
    expect((await cli('--data-dir', office, 'audit', 'verify')).code).toBe(0);
    // The respondent's selection flags: exactly one.
    const two = await cli(
      '--data-dir',
      office,
      'request',
      'create',
      '--assessment',
      id,
      '--respondent',
      'x',
      '--owner',
      'a',
      '--tag',
      'b',
      '--out',
      req,
      '--passphrase-file',
      pass,
    );
    expect(two.code).not.toBe(0);
  }, 180_000);
});
