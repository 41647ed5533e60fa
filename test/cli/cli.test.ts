import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('tenken CLI', () => {
  it('lists the shipped catalogs as JSON', async () => {
    const d = tempDir();
    const r = await cli('--data-dir', d, 'catalog', 'list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as {
      catalogId: string;
      version: string;
      licenceNote: unknown;
      sourceUrl: unknown;
    }[];
    expect(list.map((c) => c.catalogId)).toContain('ipa-web-meeting');
    for (const c of list) expect(c.licenceNote).toBeTruthy();
  });

  it('lists the PCI DSS SAQ profiles with their item counts and cited sources, and creates an SAQ A assessment', async () => {
    const d = tempDir();
    const r = await cli('--data-dir', d, 'catalog', 'list', '--json');
    type P = {
      id: string;
      kind: string | null;
      itemCount: number;
      eligibility: unknown[];
      source: { title: string; publisher: string; date: string; revision?: string; url: string } | null;
    };
    const pci = (JSON.parse(r.out) as { catalogId: string; version: string; profiles: P[] }[]).find(
      (c) => c.catalogId === 'pci-dss' && c.version === '4.0.1',
    );
    const byId = new Map(pci?.profiles.map((p) => [p.id, p]));
    expect([...byId.keys()]).toEqual([
      'saq-a',
      'saq-a-ep',
      'saq-b',
      'saq-b-ip',
      'saq-c',
      'saq-c-vt',
      'saq-p2pe',
      'saq-d-merchant',
      'saq-d-service-provider',
    ]);
    for (const p of byId.values()) {
      expect(p.source?.publisher).toMatch(/PCI Security Standards Council/);
      expect(p.source?.url).toMatch(/^https:\/\/www\.pcisecuritystandards\.org\//);
      expect(p.eligibility.length).toBeGreaterThan(0);
    }
    expect(byId.get('saq-a')).toMatchObject({
      kind: 'merchant',
      itemCount: 27,
      source: { date: '2025-01', revision: 'Revision 1' },
    });
    expect(byId.get('saq-d-service-provider')).toMatchObject({ kind: 'service-provider', itemCount: 260 });

    const created = await cli(
      '--data-dir',
      d,
      '--json',
      'assessment',
      'create',
      '--name',
      'EC',
      '--catalog',
      'pci-dss@4.0.1',
      '--profile',
      'saq-a',
    );
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ profile: 'saq-a', progress: { answered: 0, total: 27 } });
    const wrong = await cli(
      '--data-dir',
      d,
      'assessment',
      'create',
      '--name',
      'EC',
      '--catalog',
      'pci-dss@4.0.1',
      '--profile',
      'saq-z',
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('saq-z');
  });

  it('creates an assessment that the list then shows', async () => {
    const d = tempDir();
    const created = await cli(
      '--data-dir',
      d,
      '--json',
      'assessment',
      'create',
      '--name',
      '2026年度 点検',
      '--catalog',
      'ipa-web-meeting',
      '--organization',
      '株式会社サンプル',
    );
    expect(created.code).toBe(0);
    const a = JSON.parse(created.out) as { id: string };
    const listed = await cli('--data-dir', d, 'assessment', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject([
      {
        id: a.id,
        name: '2026年度 点検',
        organization: { name: '株式会社サンプル' },
        catalog: { catalogId: 'ipa-web-meeting' },
      },
    ]);
    const human = await cli('--data-dir', d, 'assessment', 'list');
    expect(human.out).toContain('2026年度 点検');
  });

  it('records an answer', async () => {
    const d = tempDir();
    const a = JSON.parse(
      (await cli('--data-dir', d, '--json', 'assessment', 'create', '--name', 'x', '--catalog', 'ipa-web-meeting')).out,
    ) as { id: string };
    const r = await cli(
      '--data-dir',
      d,
      '--json',
      'answer',
      '--assessment',
      a.id,
      '--control',
      'S-1.1',
      '--value',
      'implemented',
      '--comment',
      '確認済み',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      answer: { controlId: 'S-1.1', value: 'implemented', comment: '確認済み' },
      progress: { answered: 1 },
    });
  });

  it('fails with a non-zero exit and one line in the chosen language', async () => {
    const d = tempDir();
    const ja = await cli('--data-dir', d, 'assessment', 'create', '--name', 'x', '--catalog', 'no-such-catalog');
    expect(ja.code).toBe(1);
    expect(ja.err).toBe('tenken: カタログが見つかりません: no-such-catalog');
    const en = await cli('--data-dir', d, '--lang', 'en', 'assessment', 'create', '--name', 'x');
    expect(en.code).toBe(2);
    expect(en.err).toBe('tenken: The option --catalog is required.');
    expect((await cli('--data-dir', d, 'frobnicate')).code).toBe(2);
    expect((await cli('--data-dir', d, '--no-such-flag')).code).toBe(2);
  });

  it('lists and restores backups', async () => {
    const d = tempDir();
    expect(JSON.parse((await cli('--data-dir', d, '--json', 'backup', 'list')).out)).toEqual([]);
    const r = await cli('--data-dir', d, 'backup', 'restore', 'tenken-20260101T000000000Z-start.sqlite');
    expect(r.code).toBe(1);
  });

  it('runs as `tenken` from the built bin (what npx tenken runs)', () => {
    const bin = join(__dirname, '../../bin/tenken.cjs');
    if (!existsSync(join(__dirname, '../../dist/cli.cjs')))
      return expect.fail('dist/cli.cjs missing: run npm run build');
    const d = tempDir();
    const out = execFileSync(process.execPath, [bin, '--data-dir', d, 'catalog', 'list', '--json'], {
      encoding: 'utf8',
    });
    expect((JSON.parse(out) as unknown[]).length).toBeGreaterThan(0);
    const bad = spawnSync(process.execPath, [bin, '--data-dir', d, 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the built processes', () => {
  // React's development build made a 1,200-control report's markup ~20x slower; a user's process must not get it.
  it('run React in production mode when NODE_ENV is not set (CLI and browser shell; Electron main bundles only that build)', () => {
    const root = join(__dirname, '../..');
    if (!existsSync(join(root, 'dist/cli.cjs'))) return expect.fail('dist/ missing: run npm run build');
    const probe = join(tempDir(), 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('NODE_ENV=' + process.env.NODE_ENV))");
    const env = { ...process.env };
    delete env.NODE_ENV;
    const r = spawnSync(process.execPath, ['--require', probe, join(root, 'bin/tenken.cjs'), 'version'], {
      encoding: 'utf8',
      env,
    });
    expect(r.stderr).toContain('NODE_ENV=production');
    const electronMain = readFileSync(join(root, 'dist/electron-main.cjs'), 'utf8');
    expect(electronMain).toContain('react-dom-server-legacy.node.production.js');
    expect(electronMain).not.toMatch(/react[a-z-]*\/cjs\/[a-z.-]*development\.js/);
  });
});

describe('tenken report', () => {
  it('writes a PDF whose attached results verify, and fails verification after one byte of the attachment changes', async () => {
    const d = tempDir();
    const a = JSON.parse((await cli('--data-dir', d, '--json', 'demo')).out) as { id: string };
    const pdf = join(d, 'report.pdf');
    const r = await cli(
      '--data-dir',
      d,
      'report',
      '--assessment',
      a.id,
      '--format',
      'pdf',
      '--lang',
      'ja',
      '--marking',
      '社外秘',
      '--out',
      pdf,
    );
    expect(r.code, r.err).toBe(0);
    expect((await cli('--data-dir', d, 'report', 'verify', pdf)).code).toBe(0);
    // Flip one byte inside the attached results' stream, as someone editing the file would.
    const raw = readFileSync(pdf);
    const dict = raw.indexOf('/Type /EmbeddedFile');
    const length = Number(/\/Length (\d+)/.exec(raw.subarray(dict, dict + 500).toString('latin1'))?.[1]);
    const at = raw.indexOf('stream', dict) + 'stream\n'.length + Math.floor(length / 2);
    raw[at] = (raw[at] as number) ^ 0x01;
    const bad = join(d, 'tampered.pdf');
    writeFileSync(bad, raw);
    const v = await cli('--data-dir', d, 'report', 'verify', bad);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/改変/);
  });
});
