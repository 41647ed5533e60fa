import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { openReadonly } from '../../src/main/db/connection';

/**
 * The roll-up report (issue #13, "a report section"): `tenken rollup --out FILE.pdf` over three assessments of one
 * catalog, read back with poppler. An auditor must find on it which assessments were compared (name, organization,
 * the history head of each) and the controls weak in all of them; its fonts must be embedded.
 */

const POPPLER = ['pdffonts', 'pdftotext'].every((t) => existsSync(`/usr/bin/${t}`));
if (!POPPLER) console.warn('[test/report/rollup-pdf] poppler-utils missing: the PDF checks are SKIPPED');

const run = (cmd: string, args: string[]) => execFileSync(`/usr/bin/${cmd}`, args, { encoding: 'utf8' });
const squash = (s: string) => s.replace(/\s+/g, '');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => void out.push(s), err: (s) => void err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// One workspace for the whole file (support's tempDir is removed after each test).
const d = mkdtempSync(join(tmpdir(), 'tenken-rollup-pdf-'));
afterAll(() => rmSync(d, { recursive: true, force: true }));
const MEMBERS = [
  // name, organization, answers: S-2.1 is weak in all three, M-1.1 only in the first.
  [
    '情報システム部 2025',
    '情報システム部',
    [
      ['S-1.1', 'implemented'],
      ['S-2.1', 'not_implemented'],
      ['M-1.1', 'partial'],
    ],
  ],
  [
    '情報システム部 2026',
    '情報システム部',
    [
      ['S-1.1', 'implemented'],
      ['S-2.1', 'not_implemented'],
      ['M-1.1', 'implemented'],
    ],
  ],
  ['Human Resources 2026', '人事部', [['S-2.1', 'partial']]],
] as const;
const ids: string[] = [];

beforeAll(async () => {
  for (const [name, org, answers] of MEMBERS) {
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
    for (const [control, value] of answers)
      expect(
        (await cli('--data-dir', d, 'answer', '--assessment', id, '--control', control, '--value', value)).code,
      ).toBe(0);
  }
}, 60_000);

/** Each assessment's own history head (its last entry), as the cover must print it. */
function heads(): string[] {
  const db = openReadonly(join(d, 'tenken.sqlite'));
  try {
    return ids.map(
      (id) =>
        (
          db.prepare('SELECT hash FROM audit_log WHERE assessment_id = ? ORDER BY seq DESC LIMIT 1').get(id) as {
            hash: string;
          }
        ).hash,
    );
  } finally {
    db.close();
  }
}

describe('tenken rollup --out FILE.pdf', () => {
  it.skipIf(!POPPLER)(
    'prints the three assessments with their history heads, the scores and the weak controls, fonts embedded',
    async () => {
      const file = join(d, 'rollup.pdf');
      const w = await cli(
        '--data-dir',
        d,
        '--lang',
        'ja',
        'rollup',
        '--catalog',
        'ipa-web-meeting',
        '--out',
        file,
        '--marking',
        '関係者限り',
      );
      expect(w.err).toBe('');
      expect(w.code).toBe(0);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

      const text = squash(run('pdftotext', ['-enc', 'UTF-8', file, '-']));
      for (const [name] of MEMBERS) expect(text).toContain(squash(name));
      expect(text).toContain('人事部');
      expect(text).toContain('横断比較報告書');
      expect(text).toContain('関係者限り');
      // The weak-everywhere table names S-2.1; M-1.1 was fixed in 2026 and S-1.1 never weak.
      const weak = text.slice(text.lastIndexOf('未回答は数えません'));
      expect(weak).toContain('S-2.1');
      expect(weak).not.toContain('M-1.1');
      expect(weak).not.toContain('S-1.1');
      for (const h of heads()) expect(text).toContain(h);
      expect(text).toContain('正常');
      // Regular-weight text in table cells is painted: the status of each member, and 1 / 33 answered.
      expect(text).toContain('作成中');
      expect(text).toMatch(/3\/33/);

      const fonts = run('pdffonts', [file]).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    },
    120_000,
  );

  it.skipIf(!POPPLER)(
    'prints in English with --lang en, and only the chosen assessments',
    async () => {
      const file = join(d, 'rollup-en.pdf');
      const w = await cli(
        '--data-dir',
        d,
        '--lang',
        'en',
        'rollup',
        '--catalog',
        'ipa-web-meeting',
        '--assessments',
        `${ids[1]},${ids[2]}`,
        '--out',
        file,
      );
      expect(w.err).toBe('');
      expect(w.code).toBe(0);
      const text = squash(run('pdftotext', ['-enc', 'UTF-8', file, '-']));
      expect(text).toContain('Roll-upreport');
      expect(text).toContain(squash('Human Resources 2026'));
      expect(text).not.toContain(squash('情報システム部 2025'));
      expect(text).toContain('Weakeverywhere');
      expect(text).toContain('S-2.1');
    },
    120_000,
  );

  it('writes the workbook for --format xlsx whatever the extension, and refuses another format', async () => {
    const file = join(d, 'rollup.bin');
    expect(
      (await cli('--data-dir', d, 'rollup', '--catalog', 'ipa-web-meeting', '--format', 'xlsx', '--out', file)).code,
    ).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const bad = await cli(
      '--data-dir',
      d,
      'rollup',
      '--catalog',
      'ipa-web-meeting',
      '--format',
      'csv',
      '--out',
      join(d, 'x.csv'),
    );
    expect(bad.code).toBe(2);
    expect(existsSync(join(d, 'x.csv'))).toBe(false);
  });
});
