import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { call } from '../../src/main/api/dispatch';
import { buildReportModel } from '../../src/core/report/model';
import { collectReportInput, reportHtml } from '../../src/main/report/build';
import { freshRuntime, tempDir } from '../support/workspace';

/** Times print where the user is: the zone is a setting, defaulting to the OS's (TZ here); stored times stay UTC. */

const POPPLER = existsSync('/usr/bin/pdftotext');
if (!POPPLER)
  console.warn(
    '[test/report/local-time] poppler-utils missing: the PDF text check is SKIPPED; apt-get install poppler-utils',
  );

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

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('local time in reports', () => {
  it.skipIf(!POPPLER)(
    'TZ=Asia/Tokyo: tenken assessment update renames, and the PDF cover shows the new name and local times with JST (+09:00)',
    async () => {
      process.env.TZ = 'Asia/Tokyo';
      const d = tempDir();
      const created = await cli(
        '--data-dir',
        d,
        '--json',
        'assessment',
        'create',
        '--name',
        '仮の名前',
        '--catalog',
        'ipa-web-meeting',
        '--organization',
        '株式会社サンプル',
      );
      expect(created.code).toBe(0);
      const id = (JSON.parse(created.out) as { id: string }).id;
      const updated = await cli(
        '--data-dir',
        d,
        'assessment',
        'update',
        '--assessment',
        id,
        '--name',
        '2026年度 Web会議点検',
        '--assessors',
        '佐藤 花子',
        '--period-start',
        '2026-06-01',
        '--period-end',
        '2026-07-31',
      );
      expect(updated.code, updated.err).toBe(0);
      expect(updated.out).toContain('2026年度 Web会議点検');
      expect((await cli('--data-dir', d, 'assessment', 'list')).out).toMatch(
        /\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST \(\+09:00\)/,
      );
      const bare = await cli('--data-dir', d, 'assessment', 'update', '--assessment', id);
      expect(bare.code).toBe(2);

      const pdf = join(d, 'report.pdf');
      const r = await cli(
        '--data-dir',
        d,
        'report',
        '--assessment',
        id,
        '--format',
        'pdf',
        '--lang',
        'ja',
        '--out',
        pdf,
      );
      expect(r.code, r.err).toBe(0);
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], {
        encoding: 'utf8',
      });
      expect(text).toContain('2026年度 Web会議点検');
      expect(text).toContain('佐藤 花子');
      expect(text).toMatch(/作成日時\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} JST \(\+09:00\)/);
      expect(text).not.toContain('UTC');
      // The change went into the history chain, which still verifies (its entries: test/services/assessment-details).
      const verified = await cli('--data-dir', d, 'audit', 'verify', '--assessment', id);
      expect(verified.code).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    },
  );

  it('the zone setting overrides the OS zone; the time and its zone are kept on one line in the PDF HTML', async () => {
    process.env.TZ = 'Asia/Tokyo';
    const rt = await freshRuntime({ now: () => new Date('2026-12-03T11:05:00Z') });
    expect(await call(rt.ctx, 'settings.get', {})).toMatchObject({
      timeZone: 'Asia/Tokyo',
      timeZoneFollowsSystem: true,
      systemTimeZone: 'Asia/Tokyo',
    });
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'ipa-web-meeting' });
    const model = () => buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' }));
    expect(model().cover.generatedAt).toBe('2026-12-03 20:05 JST (+09:00)');
    expect(reportHtml(model())).toContain(
      '<span class="stamp">2026-12-03</span> <span class="stamp">20:05 JST (+09:00)</span>',
    );
    expect(model().generatedAtIso).toBe('2026-12-03T11:05:00.000Z');

    expect(await call(rt.ctx, 'settings.update', { timeZone: 'america/new_york' })).toMatchObject({
      timeZone: 'America/New_York',
      timeZoneFollowsSystem: false,
    });
    expect(model().cover.generatedAt).toBe('2026-12-03 06:05 EST (-05:00)');
    await expect(call(rt.ctx, 'settings.update', { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'bad_input',
      key: 'timeZoneUnknown',
    });
    expect((await call(rt.ctx, 'settings.update', { timeZone: null })).timeZone).toBe('Asia/Tokyo');
    // Calendar dates stay calendar dates: the period prints as entered in any zone.
    await call(rt.ctx, 'assessments.update', { id: a.id, periodStart: '2026-06-01', periodEnd: '2026-07-31' });
    await call(rt.ctx, 'settings.update', { timeZone: 'Pacific/Honolulu' });
    expect(model().cover.period).toBe('2026-06-01 〜 2026-07-31');
  });
});
