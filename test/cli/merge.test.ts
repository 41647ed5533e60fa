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

describe('tenken assessment merge', () => {
  it('previews (conflicts listed side by side, nothing changed), merges with --choose, then has nothing to do; audit verify passes', async () => {
    const a = tempDir();
    const b = tempDir();
    expect((await cli('--data-dir', a, 'demo')).code).toBe(0);
    const id = (JSON.parse((await cli('--data-dir', a, '--json', 'assessment', 'list')).out) as { id: string }[])[0]!
      .id;
    const fileA = join(tempDir(), 'a.json');
    expect((await cli('--data-dir', a, 'assessment', 'export', id, '--out', fileA)).code).toBe(0);
    expect((await cli('--data-dir', b, 'assessment', 'import', fileA)).code).toBe(0);
    const answer = (dir: string, control: string, value: string, comment: string) =>
      cli(
        '--data-dir',
        dir,
        'answer',
        '--assessment',
        id,
        '--catalog',
        'ipa-web-meeting',
        '--control',
        control,
        '--value',
        value,
        '--comment',
        comment,
      );
    expect((await answer(a, 'S-1.1', 'implemented', 'A side')).code).toBe(0);
    expect((await answer(a, 'S-1.3', 'partial', 'A says partial')).code).toBe(0);
    expect((await answer(b, 'S-1.2', 'not_implemented', 'B side')).code).toBe(0);
    expect((await answer(b, 'S-1.3', 'implemented', 'B says done')).code).toBe(0);
    const fileB = join(tempDir(), 'b.json');
    expect((await cli('--data-dir', b, 'assessment', 'export', id, '--out', fileB)).code).toBe(0);

    const preview = await cli('--data-dir', a, '--lang', 'en', 'assessment', 'merge', fileB);
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(/from the copy: answers 1,/);
    expect(preview.out).toMatch(/conflicts: 1\./);
    expect(preview.out).toMatch(/ipa-web-meeting:S-1\.3: ours partial .*\| theirs implemented/);
    expect(preview.out).toMatch(/Preview only, nothing changed/);
    const json = JSON.parse((await cli('--data-dir', a, '--json', 'assessment', 'merge', fileB)).out) as {
      conflicts: { key: string }[];
    };
    expect(json.conflicts.map((c) => c.key)).toEqual(['ipa-web-meeting:S-1.3']);

    const bad = await cli('--data-dir', a, 'assessment', 'merge', fileB, '--take', 'sideways');
    expect(bad.code).toBe(2);
    const unknown = await cli('--data-dir', a, '--lang', 'en', 'assessment', 'merge', fileB, '--choose', 'S-9=theirs');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/S-9 is not one of the conflicts/);

    const merged = await cli(
      '--data-dir',
      a,
      '--lang',
      'en',
      'assessment',
      'merge',
      fileB,
      '--choose',
      'ipa-web-meeting:S-1.3=theirs',
    );
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/Merged into .*conflicts decided: 1/);
    expect((await cli('--data-dir', a, 'audit', 'verify')).code).toBe(0);
    const again = await cli('--data-dir', a, '--lang', 'en', 'assessment', 'merge', fileB, '--take', 'theirs');
    expect(again.out).toMatch(/Nothing to do/);

    // The merged file verifies on a third workspace.
    const fileM = join(tempDir(), 'm.json');
    expect((await cli('--data-dir', a, 'assessment', 'export', id, '--out', fileM)).code).toBe(0);
    const c = tempDir();
    expect((await cli('--data-dir', c, 'assessment', 'import', fileM)).code).toBe(0);
    expect((await cli('--data-dir', c, 'audit', 'verify')).code).toBe(0);
  }, 120_000);
});
