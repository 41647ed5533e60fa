import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tenken assessment update --overall-comment', () => {
  it('writes the 総評 (recorded: audit verify passes) and the results JSON carries it', async () => {
    const d = tempDir();
    const created = await cli(
      '--data-dir',
      d,
      '--json',
      'assessment',
      'create',
      '--name',
      '点検',
      '--catalog',
      'ismap',
    );
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.out) as { id: string }).id;
    const r = await cli('--data-dir', d, 'assessment', 'update', '--assessment', id, '--overall-comment', '概ね良好。');
    expect(r.code, r.err).toBe(0);
    expect((await cli('--data-dir', d, 'audit', 'verify')).code).toBe(0);
    const out = `${d}/results.json`;
    expect((await cli('--data-dir', d, 'report', '--assessment', id, '--format', 'json', '--out', out)).code).toBe(0);
    expect(
      (JSON.parse(readFileSync(out, 'utf8')) as { assessment: { overallComment: string } }).assessment,
    ).toMatchObject({ overallComment: '概ね良好。' });
  }, 60_000);
});
