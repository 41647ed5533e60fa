import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { call, dispatch } from '../../src/main/api/dispatch';
import { runCli } from '../../src/main/cli/main';
import { catalogDocumentFromDb } from '../../src/main/catalogs/document';
import { createI18n } from '../../src/shared/i18n';
import { ismapWorkbook, MANAGEMENT_IDS, type IsmapWorkbookVariant } from '../support/ismap-workbook';
import { freshRuntime, snapshotTables, tempDir } from '../support/workspace';

const xlsx = async (variant: IsmapWorkbookVariant = 'good') => ({
  fileName: 'ISMAP管理基準.xlsx',
  content: (await ismapWorkbook(variant)).toString('base64'),
  encoding: 'base64' as const,
  format: 'xlsx' as const,
  preset: 'ismap' as const,
});

describe("XLSX preset ismap (the user's official workbook)", () => {
  it('shows what it found per sheet and level, and builds a new ismap version with 詳細管理策 under their 統制目標', async () => {
    const rt = await freshRuntime();
    const preview = await call(rt.ctx, 'catalogs.preview', await xlsx());
    expect(preview.errors).toEqual([]);
    expect(preview.ok).toBe(true);
    const s = preview.preset?.summary;
    expect(s).toMatchObject({ base: 'ismap@2024-07', version: '2024-07-official', liu: 'narrowed' });
    expect(s?.sheets.map((x) => [x.name, x.skipped, x.headerRow])).toEqual([
      ['表紙', true, null],
      ['ガバナンス基準', false, 3],
      ['マネジメント基準', false, 2],
      ['管理策基準', false, 4],
    ]);
    expect(s?.sheets.find((x) => x.name === '管理策基準')?.counts).toMatchObject({
      chapters: 4,
      groups: 1,
      objectives: 5,
      detailed: 7,
      basic: 3,
      liuMarked: 3,
    });
    expect(s?.sheets.find((x) => x.name === 'マネジメント基準')?.counts).toMatchObject({
      chapters: 1,
      management: MANAGEMENT_IDS.length,
    });
    expect(s?.placeholdersLeft).toEqual(['4.9.2']);
    expect(preview.catalog).toMatchObject({ catalogId: 'ismap', version: '2024-07-official', exists: false });

    const r = await call(rt.ctx, 'catalogs.import', await xlsx());
    expect(r).toMatchObject({ catalogId: 'ismap', version: '2024-07-official', status: 'added' });
    const doc = catalogDocumentFromDb(rt.ctx, r.ref);
    expect(doc).toMatchObject({ text_kind: 'mixed', keeps_ids_of: '2024-07' });
    const flat = new Map(flattenCatalog(doc).map((n) => [n.controlId, n]));
    const under = (id: string) => [...flat.values()].filter((n) => n.parentControlId === id).map((n) => n.controlId);
    // 詳細管理策 under their 統制目標; the suffix adds no level; the 統制目標 stays answerable.
    expect(under('5.1.1')).toEqual(['5.1.1.1', '5.1.1.2.B']);
    expect(under('5.1.2')).toEqual(['5.1.2.1.PB', '5.1.2.2']);
    expect(under('6.3.1.P')).toEqual(['6.3.1.1.P']);
    expect(under('8.1.5.P')).toEqual(['8.1.5.4.P']);
    expect(under('9.2.3')).toEqual(['9.2.3.11.PB']);
    expect(flat.get('5.1.1')).toMatchObject({ assessable: true, mandatory: true });
    expect(flat.get('5.1.1.1')).toMatchObject({ assessable: true, mandatory: false });
    expect(flat.get('5.1.1.2.B')).toMatchObject({ assessable: true, mandatory: true });
    expect(flat.get('5.1.1.2.B')?.node.excludable).toBe(false);
    expect(flat.get('5.1.2.2')).toMatchObject({ mandatory: false });
    // Every shipped ID is kept, in the same place.
    const shipped = (await call(rt.ctx, 'catalogs.list', {})).find(
      (c) => c.catalogId === 'ismap' && c.version === '2024-07',
    )!;
    for (const n of flattenCatalog(catalogDocumentFromDb(rt.ctx, shipped.ref))) {
      expect(flat.get(n.controlId), n.controlId).toBeDefined();
      expect(flat.get(n.controlId)?.parentControlId).toBe(n.parentControlId);
      if (n.assessable) expect(flat.get(n.controlId)?.assessable, n.controlId).toBe(true);
    }
    // The workbook's titles replace the placeholders, in both languages; the one it lacks keeps its placeholder.
    for (const id of MANAGEMENT_IDS) {
      expect(flat.get(id)?.node.title.ja, id).toBe(`試験用 マネジメント項目 ${id} の名称`);
      expect(JSON.stringify({ ...flat.get(id)?.node, items: undefined }), id).not.toMatch(
        /名称未確認|title unverified/,
      );
    }
    expect(flat.get('4.9.2')?.node.title.ja).toContain('名称未確認');
    expect(flat.get('3')).toMatchObject({ assessable: true });
    expect(under('3')).toEqual(['3.1']);
    // Official Japanese title, Tenken's English kept; the ID written without .P filled the shipped 6.3.1.P.
    expect(flat.get('5.1.1')?.node.title).toMatchObject({ ja: '試験用 統制目標 5.1.1 の本文' });
    expect(flat.get('5.1.1')?.node.title.en).not.toContain('試験用');
    expect(flat.get('6.3.1.P')?.node.title.ja).toBe('試験用 クラウドの役割分担（.P なしで記載）');
    expect(flat.has('6.3.1')).toBe(false);
    // LIU marks narrow the profile: unmarked 詳細管理策 apply to the full profile only.
    expect(flat.get('5.1.1.1')?.profiles).toEqual([]);
    expect(flat.get('5.1.2.2')?.profiles).toEqual(['ismap']);
  });

  it('moves an existing ISMAP assessment to the new version with every answer carried forward, changed texts marked for review', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'ISMAP 2026', catalog: 'ismap@2024-07' });
    const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
    const assessable = detail.controls.filter((c) => c.assessable).map((c) => c.controlId);
    await call(rt.ctx, 'answers.batch', {
      assessmentId: a.id,
      controlKeys: assessable.filter((id) => id !== '6.1.5' && id !== '7.1.1'),
      value: 'implemented',
    });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '6.1.5',
      value: 'partial',
      comment: '一部のプロジェクトのみ',
      remediation: '全案件に展開',
    });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '7.1.1',
      value: 'excluded',
      justification: '従業員を雇用していない',
    });
    const answeredBefore = (await call(rt.ctx, 'assessments.get', { id: a.id })).answers;
    expect(answeredBefore.length).toBe(assessable.length);

    await call(rt.ctx, 'catalogs.import', await xlsx());
    const report = await call(rt.ctx, 'assessments.upgrade', { id: a.id, toVersion: '2024-07-official' });
    expect(report.removed).toEqual([]);
    expect(report.changed).toEqual([]);
    expect([...report.carried].sort()).toEqual([...assessable].sort());
    expect(report.carriedForReview).toEqual(expect.arrayContaining(['5.1.1', '6.3.1.P', '4.3.1', '3']));
    expect(report.carriedForReview).not.toContain('6.1.5'); // not in the workbook: text unchanged

    const after = await call(rt.ctx, 'assessments.get', { id: a.id });
    expect(after.catalog.version).toBe('2024-07-official');
    const byId = new Map(after.answers.map((x) => [x.controlId, x]));
    for (const old of answeredBefore) {
      const now = byId.get(old.controlId);
      expect(now, old.controlId).toMatchObject({
        value: old.value,
        comment: old.comment,
        justification: old.justification,
        remediation: old.remediation,
      });
      expect(now?.markedForReview, old.controlId).toBe(report.carriedForReview?.includes(old.controlId) ?? false);
    }
    expect(byId.get('7.1.1')).toMatchObject({ value: 'excluded', justification: '従業員を雇用していない' });
    // The new 詳細管理策 wait to be answered; review marks block finalizing until someone looked at them.
    const issues = await call(rt.ctx, 'assessments.quality', { id: a.id });
    expect(issues.filter((i) => i.kind === 'markedForReview').length).toBe(report.carriedForReview?.length);
    expect(issues.some((i) => i.kind === 'unanswered' && i.controlKey === '5.1.1.2.B')).toBe(true);
    expect(issues.some((i) => i.kind === 'unanswered' && i.controlKey === '5.1.1.1')).toBe(false);
  });

  it('excluding a 統制目標 needs a reason and excludes its 詳細管理策; governance and management criteria cannot be excluded', async () => {
    const rt = await freshRuntime();
    await call(rt.ctx, 'catalogs.import', await xlsx());
    const a = await call(rt.ctx, 'assessments.create', { name: 'ISMAP 詳細', catalog: 'ismap@2024-07-official' });
    const before = snapshotTables(rt.ctx.db);
    await expect(
      call(rt.ctx, 'answers.set', {
        assessmentId: a.id,
        controlKey: '4.3.1',
        value: 'excluded',
        justification: '該当しない',
      }),
    ).rejects.toMatchObject({ key: 'exclusionNotAllowed', params: { control: '4.3.1', decidedBy: '4' } });
    await expect(
      call(rt.ctx, 'answers.batch', {
        assessmentId: a.id,
        controlKeys: ['5.1.1', '3.1.1'],
        value: 'excluded',
        justification: 'x',
      }),
    ).rejects.toMatchObject({ key: 'exclusionNotAllowed', params: { control: '3.1.1', decidedBy: '3' } });
    await expect(
      call(rt.ctx, 'answers.set', {
        assessmentId: a.id,
        controlKey: '5.1.1.2.B',
        value: 'excluded',
        justification: 'x',
      }),
    ).rejects.toMatchObject({ key: 'exclusionNotAllowed', params: { decidedBy: '5.1.1.2.B' } });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
    const i18n = createI18n('en');
    expect(i18n.t('errors.exclusionNotAllowed', { control: '4.3.1', value: 'excluded', decidedBy: '4' })).toContain(
      '4.3.1 cannot be excluded',
    );

    // Excluding a 統制目標 needs its reason (refused without one); with it, its 詳細管理策 are excluded too.
    await expect(
      call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '5.1.1', value: 'excluded' }),
    ).rejects.toMatchObject({ key: 'justificationRequired' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: '5.1.1',
      value: 'excluded',
      justification: '方針文書を持たない委託先サービスのため',
    });
    await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: '5.1.2', value: 'implemented' });
    const issues = await call(rt.ctx, 'assessments.quality', { id: a.id });
    const of = (id: string) => issues.filter((i) => i.controlKey === id).map((i) => i.kind);
    expect(of('5.1.1')).toEqual([]);
    expect(of('5.1.1.2.B')).toEqual([]); // excluded with its 統制目標
    expect(of('5.1.2.1.PB')).toEqual(['unanswered']); // 基本言明要件 of a selected 統制目標
    expect(of('5.1.2.2')).toEqual([]); // selectable
    expect(of('4.3.1')).toEqual(['unanswered']);
  });

  it('flags an exclusion the catalog forbids in the quality check (an answer saved before the rule existed)', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: 'x', catalog: 'ismap@2024-07' });
    const row = rt.ctx.db
      .prepare(
        "SELECT k.id FROM controls k JOIN catalogs c ON c.id = k.catalog_row WHERE c.catalog_id = 'ismap' AND c.version = '2024-07' AND k.control_id = '4.4.1'",
      )
      .get() as { id: number };
    rt.ctx.db
      .prepare(
        "INSERT INTO answers (assessment_id, control_row, value, justification, updated_at, updated_by) VALUES (?, ?, 'excluded', '旧版で除外', '2026-01-01T00:00:00Z', 'test')",
      )
      .run(a.id, row.id);
    const issues = await call(rt.ctx, 'assessments.quality', { id: a.id });
    expect(issues.filter((i) => i.controlKey === '4.4.1').map((i) => i.kind)).toEqual(['exclusionNotAllowed']);
    await call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'in_review' });
    await expect(call(rt.ctx, 'assessments.setStatus', { id: a.id, status: 'final' })).rejects.toMatchObject({
      key: 'qualityBlocks',
    });
  });

  it('takes the version the user chooses', async () => {
    const rt = await freshRuntime();
    const preview = await call(rt.ctx, 'catalogs.preview', { ...(await xlsx()), meta: { version: '2024-07-kanri' } });
    expect(preview.catalog).toMatchObject({ catalogId: 'ismap', version: '2024-07-kanri' });
    expect(preview.preset?.summary?.version).toBe('2024-07-kanri');
    await expect(call(rt.ctx, 'catalogs.preview', { ...(await xlsx()), format: 'csv' })).rejects.toMatchObject({
      key: 'presetNeedsXlsx',
    });
  });

  it('says when the workbook marks no LIU items, and does not narrow the profile', async () => {
    const rt = await freshRuntime();
    const preview = await call(rt.ctx, 'catalogs.preview', await xlsx('noLiu'));
    expect(preview.ok).toBe(true);
    expect(preview.preset?.summary?.liu).toBe('noColumn');
    expect(preview.warnings.map((w) => w.key)).toContain('ismapLiuNoColumn');
    const r = await call(rt.ctx, 'catalogs.import', await xlsx('noLiu'));
    expect(flattenCatalog(catalogDocumentFromDb(rt.ctx, r.ref)).every((n) => n.profiles.length === 0)).toBe(true);
  });

  it.each([
    [
      'a criteria sheet without header row',
      'missingHeader',
      { key: 'ismapNoHeader', path: '管理策基準!1:20', params: { sheet: '管理策基準' } },
    ],
    [
      'a duplicate ID',
      'duplicateId',
      { key: 'ismapDuplicateId', path: '管理策基準!B20', line: 20, column: 2, params: { id: '5.1.1.1', first: 7 } },
    ],
    [
      'a 詳細管理策 whose 統制目標 is absent',
      'orphanDetailed',
      {
        key: 'ismapParentMissing',
        path: '管理策基準!B20',
        line: 20,
        column: 2,
        params: { id: '5.1.3.1', parent: '5.1.3' },
      },
    ],
    [
      'an unknown suffix',
      'unknownSuffix',
      { key: 'ismapSuffixUnknown', path: '管理策基準!B20', line: 20, column: 2, params: { suffix: 'X' } },
    ],
  ] as const)('refuses %s with a located ja/en error and changes nothing', async (_name, variant, expected) => {
    const rt = await freshRuntime();
    const before = snapshotTables(rt.ctx.db);
    const preview = await call(rt.ctx, 'catalogs.preview', await xlsx(variant));
    expect(preview.ok).toBe(false);
    expect(preview.errors[0]).toMatchObject(expected);
    const d = preview.errors[0]!;
    const ja = createI18n('ja').t(`catalogErrors.${d.key}`, d.params);
    const en = createI18n('en').t(`catalogErrors.${d.key}`, d.params);
    expect(ja).toContain('シート「管理策基準」');
    expect(en).toContain('Sheet "管理策基準"');
    if (variant !== 'missingHeader') {
      expect(ja).toContain('20 行目 B 列');
      expect(en).toContain('row 20, column B');
    }
    expect(await dispatch(rt.ctx, 'catalogs.import', await xlsx(variant))).toMatchObject({
      ok: false,
      error: { code: 'bad_input', key: 'catalogInvalid' },
    });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('imports from the CLI with --preset ismap, printing the counts, then upgrades an assessment', async () => {
    const dir = tempDir();
    const file = join(dir, 'ISMAP管理基準.xlsx');
    writeFileSync(file, await ismapWorkbook());
    const out: string[] = [];
    const err: string[] = [];
    const cli = async (...argv: string[]) => {
      out.length = 0;
      err.length = 0;
      const code = await runCli(['--data-dir', dir, '--lang', 'en', ...argv], {
        out: (s) => {
          out.push(s);
        },
        err: (s) => {
          err.push(s);
        },
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const created = await cli('--json', 'assessment', 'create', '--name', 'x', '--catalog', 'ismap@2024-07');
    const id = (JSON.parse(created.out) as { id: string }).id;
    expect((await cli('answer', '--assessment', id, '--control', '4.3.1', '--value', 'implemented')).code).toBe(0);
    const imported = await cli('catalog', 'import', file, '--format', 'xlsx', '--preset', 'ismap');
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Sheet "管理策基準" (header in row 4): 4 chapters');
    expect(imported.out).toContain('7 detailed controls (3 basic statement requirements), 3 LIU marks');
    expect(imported.out).toContain('ISMAP-LIU: detailed controls narrowed to the 3 marked LIU.');
    expect(imported.out).toContain('Imported catalog ismap@2024-07-official');
    const up = await cli('--json', 'assessment', 'upgrade', '--assessment', id, '--version', '2024-07-official');
    expect(JSON.parse(up.out)).toMatchObject({
      carried: ['4.3.1'],
      carriedForReview: ['4.3.1'],
      changed: [],
      removed: [],
    });
    const bad = await cli('catalog', 'import', file, '--preset', 'iso');
    expect(bad.code).toBe(2);
  });
});
