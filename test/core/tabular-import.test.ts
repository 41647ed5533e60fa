import { describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { classifyHeader, suggestMapping, type ColumnMapping } from '../../src/core/catalog/tabular/columns';
import { detectDelimiter, MAX_CSV_ROWS, parseCsv, parseCsvDetailed } from '../../src/core/catalog/tabular/csv';
import { buildHierarchy, parseControlId, type HierarchyNode } from '../../src/core/catalog/tabular/hierarchy';
import { sanitizeControlId, summarize, tabularToCatalog } from '../../src/core/catalog/tabular/to-catalog';
import type { ImportResult } from '../../src/core/catalog/import-types';

const TODAY = { today: '2026-01-15' };

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors, null, 1)}`);
  return r;
}
const tree = (rows: { id: string }[]) => {
  const h = buildHierarchy(rows.map((r, i) => ({ id: r.id, line: i + 1, data: i })));
  const show = (n: HierarchyNode<number>): unknown => (n.children.length ? { [n.id]: n.children.map(show) } : n.id);
  return { ...h, shape: h.roots.map(show) };
};
const ids = (...list: string[]) => list.map((id) => ({ id }));

describe('parseCsv', () => {
  it('handles BOM, quotes, doubled quotes, embedded newlines and every line ending', () => {
    const text = '\uFEFFid,title,desc\r\n1,"a, b","say ""hi"""\n2,"line1\r\nline2",x\r3,,\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'title', 'desc'],
      ['1', 'a, b', 'say "hi"'],
      ['2', 'line1\nline2', 'x'],
      ['3', '', ''],
    ]);
  });

  it('drops trailing empty lines but keeps empty lines in the middle (row numbers stay aligned)', () => {
    expect(parseCsv('a,b\n\nc,d\n\n\r\n')).toEqual([['a', 'b'], [''], ['c', 'd']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
  });

  it('detects TAB and semicolon separators from the first line that has one', () => {
    expect(detectDelimiter('id\ttitle\n1\ta,b')).toBe('\t');
    expect(parseCsv('id\ttitle\n1\ta,b')).toEqual([
      ['id', 'title'],
      ['1', 'a,b'],
    ]);
    expect(parseCsv('id;title;desc\n1;"x;y";z')).toEqual([
      ['id', 'title', 'desc'],
      ['1', 'x;y', 'z'],
    ]);
    expect(parseCsv('管理基準\n\n番号\t管理策\n1\tA')).toEqual([['管理基準'], [''], ['番号', '管理策'], ['1', 'A']]);
    // A comma-separated file with one semicolon in text stays comma-separated.
    expect(detectDelimiter('id,title,desc;more\n')).toBe(',');
  });

  it('keeps stray quotes literally and reports an unterminated quote without throwing', () => {
    expect(parseCsv('a,b"c,d\n')).toEqual([['a', 'b"c', 'd']]);
    const r = parseCsvDetailed('id,text\n1,"never closed\n2,x');
    expect(r.rows[1]).toEqual(['1', 'never closed\n2,x']);
    expect(r.diagnostics).toEqual([expect.objectContaining({ key: 'csvUnterminatedQuote', line: 2 })]);
  });

  it('stops at the row limit with a diagnostic', () => {
    const r = parseCsvDetailed('x\n'.repeat(MAX_CSV_ROWS + 5));
    expect(r.rows).toHaveLength(MAX_CSV_ROWS);
    expect(r.diagnostics.map((d) => d.key)).toContain('csvTooManyRows');
  });
});

describe('header recognition', () => {
  it('finds a Japanese header below a title row and a blank row', () => {
    const rows = [
      ['ISMAP 管理基準（抜粋）'],
      [],
      ['管理策番号', '管理策', '詳細', 'ガイダンス', '証跡'],
      ['5', '方針', '', '', ''],
    ];
    expect(suggestMapping(rows)).toEqual({ headerRow: 2, id: 0, title: 1, description: 2, guidance: 3, evidence: 4 });
  });

  it('maps English headers, case and width insensitive, with English columns by suffix', () => {
    const rows = [['Control ID', 'ＴＩＴＬＥ', 'Description', 'Guidance', 'Evidence', 'Title (EN)', 'description_en']];
    expect(suggestMapping(rows)).toEqual({
      headerRow: 0,
      id: 0,
      title: 1,
      description: 2,
      guidance: 3,
      evidence: 4,
      titleEn: 5,
      descriptionEn: 6,
    });
    expect(suggestMapping([['No.', '項目', '内容', '項目(英)', '内容（英語）']])).toEqual({
      headerRow: 0,
      id: 0,
      title: 1,
      description: 2,
      titleEn: 3,
      descriptionEn: 4,
    });
  });

  it('recognises variants and annotated headers, and refuses rows that are not headers', () => {
    expect(classifyHeader('管理策番号（4桁）')).toEqual({ field: 'id', english: false });
    expect(classifyHeader(' 統制目標 ')).toEqual({ field: 'title', english: false });
    expect(classifyHeader('詳細管理策')).toEqual({ field: 'description', english: false });
    expect(classifyHeader('実施の手引')).toEqual({ field: 'guidance', english: false });
    expect(classifyHeader('Ref')).toEqual({ field: 'id', english: false });
    expect(classifyHeader('備考')).toBeNull();
    // A bilingual sheet without markers: the ASCII header is the English column.
    expect(suggestMapping([['番号', '管理策', 'Control']])).toEqual({ headerRow: 0, id: 0, title: 1, titleEn: 2 });
    // No title column: the description doubles as title.
    expect(suggestMapping([['No', '詳細管理策']])).toEqual({ headerRow: 0, id: 0, title: 1, description: 1 });
    expect(
      suggestMapping([
        ['foo', 'bar'],
        ['1', '2'],
      ]),
    ).toBeNull();
  });
});

describe('hierarchy from printed IDs', () => {
  it('nests dotted IDs by prefix and keeps .B/.P/.PB suffixes out of the level count', () => {
    const t = tree(
      ids(
        '5',
        '5.1',
        '5.1.1',
        '5.1.1.1',
        '5.1.1.2.B',
        '8',
        '8.1',
        '8.1.5.P',
        '9',
        '9.2',
        '9.2.3',
        '9.2.3.11.PB',
        '9.2.3.1',
      ),
    );
    expect(t.errors).toEqual([]);
    expect(t.warnings).toEqual([]);
    expect(t.shape).toEqual([
      { '5': [{ '5.1': [{ '5.1.1': ['5.1.1.1', '5.1.1.2.B'] }] }] },
      { '8': [{ '8.1': ['8.1.5.P'] }] },
      { '9': [{ '9.2': [{ '9.2.3': ['9.2.3.11.PB', '9.2.3.1'] }] }] },
    ]);
    expect(parseControlId('9.2.3.11.PB')).toEqual({ prefix: '', stem: ['9', '2', '3', '11'], suffix: 'PB' });
  });

  it('puts children under a suffixed parent when the plain one does not exist', () => {
    expect(tree(ids('6', '6.3.P', '6.3.1.P', '6.3.1.1')).shape).toEqual([
      { '6': [{ '6.3.P': [{ '6.3.1.P': ['6.3.1.1'] }] }] },
    ]);
  });

  it('creates missing intermediate parents with a warning, and leaves orphans at the top', () => {
    const t = tree(ids('5', '5.1.1', '5.1.1.1', '5.1.2', '7.1.1'));
    expect(t.shape).toEqual([{ '5': [{ '5.1': [{ '5.1.1': ['5.1.1.1'] }, '5.1.2'] }] }, '7.1.1']);
    expect(t.warnings.map((w) => [w.key, w.params.id, w.line])).toEqual([['tabularParentCreated', '5.1', 2]]);
    const created = t.roots[0]?.children[0];
    expect(created?.data).toBeNull();
  });

  it('keeps IDs without dots flat in file order, and attaches extensions of structured IDs', () => {
    expect(tree(ids('A-1', 'No.3', '12', 'A-2', 'REQ_1')).shape).toEqual(['A-1', 'No.3', '12', 'A-2', 'REQ_1']);
    expect(tree(ids('5.1.1', '5.1.1(1)', '5.1.1(2)')).shape).toEqual([{ '5.1.1': ['5.1.1(1)', '5.1.1(2)'] }]);
  });

  it('lets a level column override the ID logic', () => {
    const rows = [
      { id: 'A', level: 1 },
      { id: 'B', level: 2 },
      { id: 'C', level: 2 },
      { id: 'D', level: 3 },
      { id: 'E', level: 1 },
    ];
    const h = buildHierarchy(rows.map((r, i) => ({ ...r, line: i + 2, data: null })));
    const show = (n: HierarchyNode<null>): unknown => (n.children.length ? { [n.id]: n.children.map(show) } : n.id);
    expect(h.roots.map(show)).toEqual([{ A: ['B', { C: ['D'] }] }, 'E']);
  });

  it('reports duplicate IDs with both row numbers', () => {
    const t = tree(ids('1', '1.1', '1.1'));
    expect(t.errors).toEqual([
      expect.objectContaining({ key: 'tabularDuplicateId', line: 3, params: { id: '1.1', line: 3, first: 2 } }),
    ]);
  });
});

describe('ID sanitizing', () => {
  it('normalises width, spacing and suffixes, and drops what the ControlId pattern forbids', () => {
    expect(sanitizeControlId('９．４．２．１')).toBe('9.4.2.1');
    expect(sanitizeControlId(' 9.4.2.1 B ')).toBe('9.4.2.1.B');
    expect(sanitizeControlId('9.2.3.11.ｐｂ')).toBe('9.2.3.11.PB');
    expect(sanitizeControlId('9. 4. 2')).toBe('9.4.2');
    expect(sanitizeControlId('5.')).toBe('5');
    expect(sanitizeControlId('管理策-12')).toBe('12');
    expect(sanitizeControlId('A 1')).toBe('A-1');
    expect(sanitizeControlId('A/1')).toBe('A-1');
    expect(sanitizeControlId('No.3')).toBe('No.3');
    expect(sanitizeControlId('（１）')).toBe('1');
    expect(sanitizeControlId('5.1.1（1）')).toBe('5.1.1(1)');
    expect(sanitizeControlId('管理策')).toBeNull();
    expect(sanitizeControlId('x'.repeat(65))).toBeNull();
  });

  it('summarizes text into a title', () => {
    expect(summarize('\n first line \nsecond')).toBe('first line');
    expect(summarize('あ'.repeat(100))).toBe(`${'あ'.repeat(79)}…`);
  });
});

describe('tabularToCatalog', () => {
  const header = ['管理策番号', '管理策', '詳細'];
  const mapping: ColumnMapping = { headerRow: 0, id: 0, title: 1, description: 2 };

  it('builds a valid user catalog with defaults, explicit assessable flags and one translation warning', () => {
    const rows = [
      header,
      ['5', '情報セキュリティ方針', ''],
      ['5.1.1', '方針群', '方針を定める。'],
      ['5.1.1.1', '', '方針文書を承認する。\n周知する。'],
      ['5.1.1.2.B', '見直し', '定期的に見直す。'],
    ];
    const r = ok(tabularToCatalog(rows, mapping, { sourceName: 'My Checklist.csv' }, TODAY));
    expect(r.doc).toMatchObject({
      id: 'my-checklist',
      version: '1',
      published: '2026-01-15',
      text_kind: 'user',
      title: { ja: 'My Checklist', en: 'My Checklist' },
    });
    expect(r.doc.publisher).toEqual({ ja: '利用者が取り込んだカタログ', en: 'Catalog imported by the user' });
    expect(r.doc.answer_scale.map((a) => a.value)).toEqual([
      'implemented',
      'partial',
      'not_implemented',
      'not_applicable',
    ]);
    const flat = flattenCatalog(r.doc);
    expect(flat.map((n) => [n.controlId, n.parentControlId, n.assessable])).toEqual([
      ['5', null, false],
      ['5.1', '5', false],
      ['5.1.1', '5.1', true],
      ['5.1.1.1', '5.1.1', true],
      ['5.1.1.2.B', '5.1.1', true],
    ]);
    const n4 = flat[3]?.node;
    expect(n4?.title).toEqual({ ja: '方針文書を承認する。', en: '方針文書を承認する。' });
    expect(n4?.description).toEqual({ ja: '方針文書を承認する。\n周知する。', en: '方針文書を承認する。\n周知する。' });
    expect(r.warnings.filter((w) => w.key === 'missingTranslationFile')).toEqual([
      expect.objectContaining({ params: { missing: 'en', count: 7 } }),
    ]);
    expect(r.warnings.map((w) => w.key).sort()).toEqual([
      'missingTranslationFile',
      'tabularParentCreated',
      'tabularTitleDerived',
    ]);
  });

  it('uses meta when given, and English-only sheets fill Japanese from English', () => {
    const rows = [
      ['ID', 'Title', 'Description'],
      ['AC-1', 'Access policy', 'Have one.'],
      ['AC-2', 'Accounts', ''],
    ];
    const meta = { id: 'in-house', version: '2025.1', title: { ja: '社内', en: 'In-house' }, published: '2025-04' };
    const r = ok(tabularToCatalog(rows, { headerRow: 0, id: 0, title: 1, description: 2 }, meta));
    expect(r.doc).toMatchObject({ id: 'in-house', version: '2025.1', published: '2025-04' });
    expect(r.doc.items[0]?.title).toEqual({ ja: 'Access policy', en: 'Access policy' });
    expect(r.warnings.find((w) => w.key === 'missingTranslationFile')?.params.missing).toBe('ja');
    // An all-Japanese title with no source name falls back to "imported".
    const r2 = ok(
      tabularToCatalog([header, ['1', '項目', '']], mapping, { title: { ja: '社内基準', en: '社内基準' } }, TODAY),
    );
    expect(r2.doc.id).toBe('imported');
  });

  it('reads bilingual columns without a translation warning', () => {
    const rows = [
      ['No', '項目', '項目(英)', '内容', '内容(英)'],
      ['1', '方針', 'Policy', '定める', 'Define it'],
    ];
    const m = suggestMapping(rows);
    expect(m).toEqual({ headerRow: 0, id: 0, title: 1, titleEn: 2, description: 3, descriptionEn: 4 });
    const r = ok(tabularToCatalog(rows, m as ColumnMapping, {}, TODAY));
    expect(r.doc.items[0]).toMatchObject({
      title: { ja: '方針', en: 'Policy' },
      description: { ja: '定める', en: 'Define it' },
    });
    expect(r.warnings.filter((w) => w.key === 'missingTranslationFile')).toEqual([]);
  });

  it('appends continuation rows to the previous description; a blank row ends the continuation', () => {
    const rows = [
      header,
      ['1', '方針', '一行目'],
      ['', '', '二行目'],
      ['', '三行目', ''],
      [],
      ['', '', '孤立した行'],
      ['2', '見直し', ''],
    ];
    const r = ok(tabularToCatalog(rows, mapping, {}, TODAY));
    expect(r.doc.items[0]?.description?.ja).toBe('一行目\n二行目\n三行目');
    expect(r.doc.items).toHaveLength(2);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ key: 'tabularRowWithoutId', line: 6, column: 1, path: 'A6' }),
    );
  });

  it('keeps HTML and formula-like text literally', () => {
    const rows = [
      header,
      ['1', '<script>alert(1)</script>', '=HYPERLINK("http://x","y")'],
      ['2', '+cmd', '@SUM(A1)\n-1'],
    ];
    const r = ok(tabularToCatalog(rows, mapping, {}, TODAY));
    expect(r.doc.items[0]?.title.ja).toBe('<script>alert(1)</script>');
    expect(r.doc.items[0]?.description?.ja).toBe('=HYPERLINK("http://x","y")');
    expect(r.doc.items[1]?.title.ja).toBe('+cmd');
    expect(r.doc.items[1]?.description?.ja).toBe('@SUM(A1)\n-1');
  });

  it('normalises full-width IDs and reports changed and unusable IDs with their rows', () => {
    const rows = [header, ['９．１', '全角', ''], ['9.1.1 b', '接尾辞', ''], ['管理策', '番号なし', '']];
    const r = tabularToCatalog(rows, mapping, { sheet: '管理基準' }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({
        key: 'tabularIdInvalid',
        line: 4,
        column: 1,
        path: '管理基準!A4',
        params: { value: '管理策', line: 4 },
      }),
    ]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        key: 'tabularIdSanitized',
        line: 3,
        params: { original: '9.1.1 b', id: '9.1.1.B', line: 3 },
      }),
    );
    expect(r.warnings.some((w) => w.line === 2)).toBe(false); // NFKC alone is not a change worth a warning
  });

  it('reports a duplicate ID with its spreadsheet row', () => {
    const rows = [['Title'], [], header, ['1', 'a', ''], ['1.1', 'b', ''], ['１．１', 'c', '']];
    const r = tabularToCatalog(rows, { ...mapping, headerRow: 2 }, {}, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({
        key: 'tabularDuplicateId',
        line: 6,
        column: 1,
        path: 'A6',
        params: { id: '1.1', line: 6, first: 5 },
      }),
    ]);
  });

  it('splits evidence lines, copies guidance into English and keeps parents with text assessable', () => {
    const rows = [
      ['番号', '管理策', '詳細', '手引', '証跡'],
      ['1', '方針', '', '', ''],
      ['1.1', '策定', '策定する', '経営者が承認', '方針文書\n承認記録'],
      ['1.1.1', '周知', '', '', ''],
    ];
    const r = ok(tabularToCatalog(rows, suggestMapping(rows) as ColumnMapping, {}, TODAY));
    const flat = flattenCatalog(r.doc);
    expect(flat.map((n) => [n.controlId, n.assessable])).toEqual([
      ['1', false],
      ['1.1', true],
      ['1.1.1', true],
    ]);
    expect(flat[1]?.node.evidence).toEqual({ ja: ['方針文書', '承認記録'], en: ['方針文書', '承認記録'] });
    expect(flat[1]?.node.guidance).toEqual({ ja: '経営者が承認', en: '経営者が承認' });
  });

  it('places rows by a level column', () => {
    const rows = [
      ['No', '項目', '階層'],
      ['A', '大項目', '1'],
      ['B', '小項目', '2'],
      ['C', '小項目2', '２'],
      ['D', '大項目2', '1'],
    ];
    const m = suggestMapping(rows) as ColumnMapping;
    expect(m.level).toBe(2);
    const flat = flattenCatalog(ok(tabularToCatalog(rows, m, {}, TODAY)).doc);
    expect(flat.map((n) => [n.controlId, n.parentControlId])).toEqual([
      ['A', null],
      ['B', 'A'],
      ['C', 'A'],
      ['D', null],
    ]);
  });

  it('refuses empty tables, bad mappings and invalid metadata with keyed errors', () => {
    const empty = tabularToCatalog([header], mapping, {}, TODAY);
    expect(!empty.ok && empty.errors[0]?.key).toBe('tabularEmpty');
    const bad = tabularToCatalog([header, ['1', 'a']], { headerRow: 0, id: -1, title: 1 }, {}, TODAY);
    expect(!bad.ok && bad.errors[0]).toMatchObject({ key: 'tabularMappingInvalid', params: { field: 'id' } });
    const meta = tabularToCatalog([header, ['1', 'a']], mapping, { version: 'v 1' }, TODAY);
    expect(!meta.ok && meta.errors[0]).toMatchObject({ key: 'schemaFormat', path: 'version' });
  });

  it('locates schema errors at the row they came from (too deep)', () => {
    const deep = Array.from({ length: 14 }, (_, i) => Array.from({ length: i + 1 }, () => '1').join('.'));
    const rows = [header, ...deep.map((id) => [id, `t${id}`, ''])];
    const r = tabularToCatalog(rows, mapping, {}, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ key: 'tooDeep', line: 14, path: 'A14' });
  });
});
