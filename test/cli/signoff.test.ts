import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { startRuntime } from '../../src/main/app/runtime';
import { runCli } from '../../src/main/cli/main';
import { tempDir } from '../support/workspace';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A workspace with one fully answered assessment, still in review. */
async function inReview(dir: string): Promise<string> {
  const rt = await startRuntime({ dataDir: dir, shell: 'cli' });
  try {
    const a = await call(rt.ctx, 'assessments.create', { name: 'Web会議', catalog: 'ipa-web-meeting' });
    const ids = (await call(rt.ctx, 'assessments.get', { id: a.id })).controls
      .filter((c) => c.assessable)
      .map((c) => c.controlId);
    await call(rt.ctx, 'answers.batch', { assessmentId: a.id, controlKeys: ids, value: 'implemented' });
    await call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'in_review' });
    return a.id;
  } finally {
    rt.close();
  }
}

describe('tenken assessment approve / signoff', () => {
  it('records preparer and reviewer, refuses to approve before final (in Japanese), approves a final one', async () => {
    const d = tempDir();
    const id = await inReview(d);
    const prepared = await cli(
      '--data-dir',
      d,
      '--lang',
      'ja',
      'assessment',
      'signoff',
      '--assessment',
      id,
      '--step',
      'prepared',
      '--by',
      '佐藤 花子',
      '--role',
      '情報システム部',
    );
    expect(prepared.code).toBe(0);
    expect(prepared.out).toMatch(/作成: 佐藤 花子 \(情報システム部\)/);
    const early = await cli(
      '--data-dir',
      d,
      '--lang',
      'ja',
      'assessment',
      'approve',
      '--assessment',
      id,
      '--by',
      '山田 太郎',
    );
    expect(early.code).not.toBe(0);
    expect(early.err).toContain('承認できるのは確定済みのアセスメントだけです');
    const bad = await cli(
      '--data-dir',
      d,
      'assessment',
      'signoff',
      '--assessment',
      id,
      '--step',
      'approved',
      '--by',
      'x',
    );
    expect(bad.code).not.toBe(0);
    expect((await cli('--data-dir', d, 'assessment', 'status', '--assessment', id, '--status', 'final')).code).toBe(0);
    const ok = await cli(
      '--data-dir',
      d,
      '--json',
      'assessment',
      'approve',
      '--assessment',
      id,
      '--by',
      '山田 太郎',
      '--role',
      'CISO',
    );
    expect(ok.code).toBe(0);
    const s = JSON.parse(ok.out) as Record<string, { name: string; role: string } | null>;
    expect(s.approved).toMatchObject({ name: '山田 太郎', role: 'CISO' });
    expect(s.prepared).toMatchObject({ name: '佐藤 花子' });
    expect((await cli('--data-dir', d, 'audit', 'verify')).code).toBe(0);
    const en = await cli(
      '--data-dir',
      d,
      '--lang',
      'en',
      'assessment',
      'signoff',
      '--assessment',
      id,
      '--step',
      'reviewed',
      '--by',
      'Late',
    );
    expect(en.code).not.toBe(0);
    expect(en.err).toContain('approved by 山田 太郎');
  });
});
