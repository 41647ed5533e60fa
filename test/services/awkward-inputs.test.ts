import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { flattenCatalog } from '../../src/core/catalog/flatten';
import { MAX_CSV_ROWS } from '../../src/core/catalog/tabular/csv';
import { call, dispatch } from '../../src/main/api/dispatch';
import { catalogDocumentFromDb } from '../../src/main/catalogs/document';
import { MAX_XLSX_UNCOMPRESSED_BYTES, zipEntries } from '../../src/main/catalogs/xlsx-reader';
import { startWebShell, type WebShell } from '../../src/main/web/server';
import { freshRuntime, snapshotTables, tempDir } from '../support/workspace';

/**
 * A control list as Japanese Excel saves it with "CSV (コンマ区切り)": Shift_JIS (cp932), CRLF line ends, a cell
 * with a line break quoted (the break inside the cell is a bare LF, as Excel writes Alt+Enter), IBM/NEC extension
 * characters (髙, 﨑, ①) and full-width digits.
 */
const EXCEL_ROWS = [
  '管理策番号,管理策名,詳細',
  '1,組織の方針,"方針を定める。\n髙﨑部長が承認する。"',
  '1.1,方針の周知①,"全従業員に周知する（年１２回）。"',
  '1.2,"見直し、記録",４半期ごとに見直す。',
];
const EXCEL_CSV = `${EXCEL_ROWS.join('\r\n')}\r\n`;
const cp932 = (text: string) => iconv.encode(text, 'cp932');
const b64 = (bytes: Buffer | Uint8Array) => Buffer.from(bytes).toString('base64');

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return order === 'le' ? le : Buffer.from(le).swap16();
}

async function refusedAlike(
  fileName: string,
  content: string,
  opts: {
    encoding?: 'base64';
    textEncoding?: 'utf-8' | 'shift_jis' | 'utf-16le' | 'utf-16be';
    format?: 'csv' | 'yaml' | 'json' | 'oscal' | 'xlsx';
  } = {},
) {
  const rt = await freshRuntime();
  const before = snapshotTables(rt.ctx.db);
  const input = { fileName, content, ...opts };
  const started = Date.now();
  const preview = await call(rt.ctx, 'catalogs.preview', input);
  const imported = await dispatch(rt.ctx, 'catalogs.import', input);
  const ms = Date.now() - started;
  expect(preview.ok).toBe(false);
  // Refused as bad input with the file's own problem, never as an unexpected (internal) error.
  expect(imported).toMatchObject({ ok: false, error: { code: 'bad_input', key: 'catalogInvalid' } });
  expect(snapshotTables(rt.ctx.db)).toEqual(before);
  return { preview, ms, rt };
}

describe('Japanese CSV as Excel saves it', () => {
  it('reads a Shift_JIS (cp932) CSV with its Japanese intact, says so in the preview, and the import is searchable', async () => {
    const rt = await freshRuntime();
    const input = { fileName: '管理策.csv', content: b64(cp932(EXCEL_CSV)), encoding: 'base64' as const };
    const preview = await call(rt.ctx, 'catalogs.preview', input);
    expect(preview.errors).toEqual([]);
    expect(preview.encoding).toEqual({ name: 'shift_jis', bom: false, detected: true });
    expect(preview.table?.rows[1]).toEqual(['1', '組織の方針', '方針を定める。\n髙﨑部長が承認する。']);

    const r = await call(rt.ctx, 'catalogs.import', input);
    const flat = flattenCatalog(catalogDocumentFromDb(rt.ctx, r.ref));
    expect(flat.map((n) => [n.controlId, n.node.title.ja])).toEqual([
      ['1', '組織の方針'],
      ['1.1', '方針の周知①'],
      ['1.2', '見直し、記録'],
    ]);
    expect(flat[0]?.node.description?.ja).toBe('方針を定める。\n髙﨑部長が承認する。');
    expect(flat[1]?.node.description?.ja).toBe('全従業員に周知する（年１２回）。');
    expect(flat[2]?.node.description?.ja).toBe('４半期ごとに見直す。');

    for (const q of ['髙﨑', '周知①', '４半期']) {
      const hits = await call(rt.ctx, 'catalogs.search', { query: q });
      expect(
        hits.filter((h) => h.catalogRef === r.ref).map((h) => h.controlId),
        q,
      ).toHaveLength(1);
    }
  });

  it.each([
    [
      'UTF-8 with a BOM (Excel "CSV UTF-8")',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXCEL_CSV, 'utf8')]),
      { name: 'utf-8', bom: true },
    ],
    ['UTF-8 without a BOM', Buffer.from(EXCEL_CSV, 'utf8'), { name: 'utf-8', bom: false }],
    ['UTF-16LE with a BOM', utf16(EXCEL_CSV, 'le'), { name: 'utf-16le', bom: true }],
    ['UTF-16BE with a BOM', utf16(EXCEL_CSV, 'be'), { name: 'utf-16be', bom: true }],
  ])(
    'reads %s to the same catalog as the Shift_JIS file (same content hash: a re-import is unchanged)',
    async (_name, bytes, encoding) => {
      const rt = await freshRuntime();
      const first = await call(rt.ctx, 'catalogs.import', {
        fileName: 'list.csv',
        content: b64(cp932(EXCEL_CSV)),
        encoding: 'base64',
      });
      const input = { fileName: 'list.csv', content: b64(bytes), encoding: 'base64' as const };
      const preview = await call(rt.ctx, 'catalogs.preview', input);
      expect(preview.encoding).toEqual({ ...encoding, detected: true });
      expect(preview.table?.rows[1]?.[2]).toBe('方針を定める。\n髙﨑部長が承認する。');
      expect(await call(rt.ctx, 'catalogs.import', input)).toMatchObject({ ref: first.ref, status: 'unchanged' });
    },
  );

  it('reads tab-separated UTF-16LE text with a BOM (what Excel saves as "Unicode text")', async () => {
    const rt = await freshRuntime();
    const preview = await call(rt.ctx, 'catalogs.preview', {
      fileName: 'list.txt',
      content: b64(utf16(EXCEL_CSV.replaceAll(',', '\t'), 'le')),
      encoding: 'base64',
    });
    expect(preview).toMatchObject({
      ok: true,
      format: 'csv',
      encoding: { name: 'utf-16le', bom: true, detected: true },
      catalog: { nodeCount: 3 },
    });
    expect(preview.table?.rows[3]).toEqual(['1.2', '見直し、記録', '４半期ごとに見直す。']);
  });

  it('reads a YAML catalog saved as Shift_JIS the same way (the app and the CLI send every file as its bytes)', async () => {
    const rt = await freshRuntime();
    const mini = readFileSync(join(__dirname, '../fixtures/catalogs/mini.yaml'), 'utf8');
    const p = await call(rt.ctx, 'catalogs.preview', {
      fileName: 'mini.yaml',
      content: b64(cp932(mini)),
      encoding: 'base64',
    });
    expect(p).toMatchObject({
      ok: true,
      format: 'yaml',
      encoding: { name: 'shift_jis', detected: true },
      catalog: { title: { ja: 'ミニカタログ' } },
    });
    const sameAsText = await call(rt.ctx, 'catalogs.import', { fileName: 'mini.yaml', content: mini });
    expect(
      await call(rt.ctx, 'catalogs.import', { fileName: 'mini.yaml', content: b64(cp932(mini)), encoding: 'base64' }),
    ).toMatchObject({ ref: sameAsText.ref, status: 'unchanged' });
  });

  it('reads the file in the encoding the user chooses, and says that it was chosen', async () => {
    const rt = await freshRuntime();
    const preview = await call(rt.ctx, 'catalogs.preview', {
      fileName: 'a.csv',
      content: b64(cp932(EXCEL_CSV)),
      encoding: 'base64',
      textEncoding: 'shift_jis',
    });
    expect(preview).toMatchObject({ ok: true, encoding: { name: 'shift_jis', bom: false, detected: false } });
  });

  it('refuses a wrong choice with a clear error: Shift_JIS bytes read as UTF-8 name the first bad byte and its line', async () => {
    const { preview } = await refusedAlike('a.csv', b64(cp932(EXCEL_CSV)), {
      encoding: 'base64',
      textEncoding: 'utf-8',
    });
    // Row 1 (the header) is already Japanese: its first byte (管 = 0x8AC7) is invalid in UTF-8.
    expect(preview.errors).toEqual([
      expect.objectContaining({
        key: 'textDecodeFailed',
        params: expect.objectContaining({ encoding: 'UTF-8', offset: 0, line: 1, column: 1 }),
        line: 1,
        column: 1,
      }),
    ]);
    const later = await refusedAlike('b.csv', b64(cp932('id,title\r\n1,方針\r\n')), {
      encoding: 'base64',
      textEncoding: 'utf-8',
    });
    expect(later.preview.errors).toEqual([
      expect.objectContaining({
        key: 'textDecodeFailed',
        line: 2,
        column: 3,
        params: expect.objectContaining({ offset: 12 }),
      }),
    ]);
  });

  it('refuses a choice that contradicts the BOM, and warns when valid UTF-8 is read as Shift_JIS', async () => {
    const { preview } = await refusedAlike('a.csv', b64(utf16(EXCEL_CSV, 'le')), {
      encoding: 'base64',
      textEncoding: 'shift_jis',
    });
    expect(preview.errors.map((e) => [e.key, e.params])).toEqual([
      ['textEncodingMismatch', { chosen: 'Shift_JIS', found: 'UTF-16LE (BOM)' }],
    ]);

    const rt = await freshRuntime();
    const doubtful = await call(rt.ctx, 'catalogs.preview', {
      fileName: 'a.csv',
      content: b64(Buffer.from('id,title\n1,方針です\n', 'utf8')),
      encoding: 'base64',
      textEncoding: 'shift_jis',
    });
    expect(doubtful.warnings.map((w) => w.key)).toContain('textEncodingDoubt');
    expect(doubtful.encoding).toMatchObject({ name: 'shift_jis', detected: false });
  });

  it('refuses bytes that are neither UTF-8, UTF-16 nor Shift_JIS, naming where', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,title\r\n1,ok\r\n2,', 'ascii'),
      Buffer.from([0x82, 0xa0, 0xff, 0x80, 0x81]),
    ]);
    const { preview } = await refusedAlike('a.csv', b64(bytes), { encoding: 'base64' });
    expect(preview.errors).toEqual([expect.objectContaining({ key: 'textEncodingUnknown', line: 3 })]);
  });

  it('refuses a CSV longer than the row limit, naming the first row it cannot import, instead of cutting it', async () => {
    const rows = ['id,title', ...Array.from({ length: MAX_CSV_ROWS + 5 }, (_, i) => `C${i},t${i}`)];
    const { preview } = await refusedAlike('long.csv', b64(Buffer.from(rows.join('\n'))), { encoding: 'base64' });
    expect(preview.errors).toEqual([
      expect.objectContaining({
        key: 'csvTooManyRows',
        line: MAX_CSV_ROWS + 1,
        params: { max: MAX_CSV_ROWS, line: MAX_CSV_ROWS + 1 },
      }),
    ]);
  });

  it('refuses a CSV whose quote never closes (it would swallow every row after it)', async () => {
    const { preview } = await refusedAlike('q.csv', b64(Buffer.from('id,title\n1,"open\n2,two\n3,three\n')), {
      encoding: 'base64',
    });
    expect(preview.errors).toEqual([expect.objectContaining({ key: 'csvUnterminatedQuote', line: 2 })]);
  });
});

// A "billion laughs": nine levels of nine aliases each would expand to 9^9 strings.
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');

describe('hostile and damaged catalog files', () => {
  it('refuses a YAML alias bomb with its own message at the first alias, fast, without an unexpected error', async () => {
    const { preview, ms } = await refusedAlike('bomb.yaml', ALIAS_BOMB);
    expect(preview.errors).toEqual([expect.objectContaining({ key: 'yamlAliasBomb', params: { max: 100 }, line: 2 })]);
    expect(ms).toBeLessThan(5000);
  });

  it.each([
    ['block maps', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n'],
    ['flow sequences', `${'['.repeat(2000)}${']'.repeat(2000)}\n`],
    ['JSON in our format', `{"format":"tenken-catalog/1","items":${'['.repeat(2000)}${']'.repeat(2000)}}`],
  ])('refuses 2,000 levels of nesting (%s) as too deep, not as a syntax error or a crash', async (_name, text) => {
    const { preview, ms } = await refusedAlike(text.startsWith('{') ? 'deep.json' : 'deep.yaml', text);
    expect(preview.errors.map((e) => e.key)).toEqual(['tooDeepNesting']);
    expect(preview.errors[0]?.line).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5000);
  });

  it('refuses 20,000 levels of nesting in an OSCAL file, naming where', async () => {
    const { preview } = await refusedAlike(
      'deep.json',
      `{"catalog":{"uuid":"x","groups":${'['.repeat(20000)}${']'.repeat(20000)}}}`,
    );
    expect(preview.errors).toEqual([
      expect.objectContaining({ key: 'tooDeepNesting', path: expect.stringMatching(/^catalog\.groups\[0\]/) }),
    ]);
  });

  it.each([
    [
      'a PNG renamed to .yaml',
      'logo.yaml',
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
      'binaryContent',
    ],
    ['NUL bytes in a CSV', 'nul.csv', Buffer.from('id,title\r\n1,ok\u0000\u0000\r\n'), 'binaryContent'],
    ['an XLSX renamed to .csv', 'book.csv', Buffer.from('504b0304140000000800', 'hex'), 'binaryContent'],
    [
      'random bytes',
      'noise.json',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)),
      'binaryContent',
    ],
  ])('refuses binary garbage (%s) as not text, with a position', async (_name, fileName, bytes, key) => {
    const { preview } = await refusedAlike(fileName, b64(bytes), { encoding: 'base64' });
    expect(preview.errors).toEqual([
      expect.objectContaining({ key, line: expect.any(Number), column: expect.any(Number) }),
    ]);
  });

  it('refuses control characters in text sent as UTF-8 too (the browser shell, the app)', async () => {
    const { preview } = await refusedAlike('x.yaml', 'format: tenken-catalog/1\nid: a\u0001b\n');
    expect(preview.errors).toEqual([
      expect.objectContaining({
        key: 'binaryContent',
        line: 2,
        column: 6,
        params: expect.objectContaining({ char: 'U+0001' }),
      }),
    ]);
  });

  it('refuses an OSCAL catalog with a duplicate control ID, naming the ID and both places', async () => {
    const control = (id: string, label: string) => ({
      id,
      title: `Control ${id}`,
      props: [{ name: 'label', value: label }],
    });
    const oscal = {
      catalog: {
        uuid: '00000000-0000-4000-8000-000000000000',
        metadata: { title: 'Dup', version: '1', 'last-modified': '2026-01-01T00:00:00Z', 'oscal-version': '1.1.2' },
        groups: [
          {
            id: 'g',
            title: 'G',
            controls: [control('ac-1', 'AC-1'), control('ac-2', 'AC-2'), control('ac-1b', 'AC-1')],
          },
        ],
      },
    };
    const { preview } = await refusedAlike('dup.json', JSON.stringify(oscal));
    expect(preview.errors).toEqual([
      expect.objectContaining({
        key: 'oscalDuplicateId',
        params: { id: 'AC-1', first: 'catalog.groups[0].controls[0]' },
        path: 'catalog.groups[0].controls[2]',
      }),
    ]);
  });
});

/** A valid small workbook whose shared strings part is replaced by `sharedStrings` (deflated, honest sizes). */
async function workbookWith(sharedStrings: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('管理策');
  ws.addRow(['管理策番号', '管理策名']);
  ws.addRow(['1', '方針']);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  zip.file('xl/sharedStrings.xml', sharedStrings);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Rewrites the uncompressed size of one part in the central directory (a directory that lies). */
function declareSize(zip: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < out.readUInt16LE(eocd + 10); n++) {
    const nameLength = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) === part) out.writeUInt32LE(size, p + 24);
    p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

describe('XLSX bombs', () => {
  // 24 MB of shared strings (many long repeated strings) that pack into a few tens of KB, as in the 0.5 MB → 480 MB
  // file of issue #14, scaled down so that the test builds it quickly.
  const strings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>管理策番号</t></si><si><t>管理策名</t></si>${`<si><t>${'情報セキュリティ'.repeat(500)}</t></si>`.repeat(2000)}</sst>`;
  let bomb: Buffer | null = null;
  const getBomb = async () => (bomb ??= await workbookWith(strings));

  it('refuses shared strings that expand a thousand times, before exceljs reads them, in bounded time and memory', async () => {
    const file = await getBomb();
    const part = zipEntries(file)?.find((e) => e.name === 'xl/sharedStrings.xml');
    expect(part?.size).toBeGreaterThan(20 * 1024 * 1024);
    expect(file.length).toBeLessThan(1024 * 1024);
    const rss = process.memoryUsage().rss;
    const { preview, ms } = await refusedAlike('bomb.xlsx', b64(file), { encoding: 'base64' });
    expect(preview.errors).toEqual([
      expect.objectContaining({
        key: 'xlsxUnpackedTooLarge',
        params: expect.objectContaining({ part: 'xl/sharedStrings.xml' }),
      }),
    ]);
    expect(ms).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a part whose directory entry understates what it inflates to', async () => {
    const lying = declareSize(await getBomb(), 'xl/sharedStrings.xml', 200_000);
    const { preview } = await refusedAlike('lying.xlsx', b64(lying), { encoding: 'base64' });
    expect(preview.errors).toEqual([
      expect.objectContaining({
        key: 'xlsxUnpackedTooLarge',
        params: expect.objectContaining({ part: 'xl/sharedStrings.xml' }),
      }),
    ]);
  });

  it('refuses a workbook declaring more than the unpacked limit in total, without inflating it', async () => {
    const big = declareSize(await workbookWith('<sst/>'), 'xl/sharedStrings.xml', MAX_XLSX_UNCOMPRESSED_BYTES + 1);
    const { preview } = await refusedAlike('big.xlsx', b64(big), { encoding: 'base64' });
    expect(preview.errors).toEqual([expect.objectContaining({ key: 'xlsxUnpackedTooLarge' })]);
  });

  it('still reads an ordinary workbook', async () => {
    const rt = await freshRuntime();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('管理策');
    ws.addRow(['管理策番号', '管理策名']);
    for (let i = 1; i <= 300; i++) ws.addRow([`${i}`, `管理策 ${i} の名称`]);
    const p = await call(rt.ctx, 'catalogs.preview', {
      fileName: 'ok.xlsx',
      content: b64(Buffer.from(await wb.xlsx.writeBuffer())),
      encoding: 'base64',
    });
    expect(p).toMatchObject({ ok: true, encoding: null, catalog: { assessableCount: 300 } });
  });
});

describe('the browser shell', () => {
  let shell: WebShell | null = null;
  afterEach(async () => {
    await shell?.close();
    shell = null;
  });

  it('gives the same keyed refusals over HTTP (alias bomb, Shift_JIS with a wrong choice), never an internal error', async () => {
    const rt = await freshRuntime();
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    shell = await startWebShell(rt.ctx, { rendererDir });
    const s = shell;
    const post = async (channel: string, body: unknown) =>
      (
        await fetch(`${s.origin}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, Origin: s.origin },
          body: JSON.stringify(body),
        })
      ).json() as Promise<{ ok: boolean; value?: { errors: { key: string }[] }; error?: { key: string } }>;
    const bomb = await post('catalogs.preview', { fileName: 'b.yaml', content: ALIAS_BOMB });
    expect(bomb.value?.errors.map((e) => e.key)).toEqual(['yamlAliasBomb']);
    expect(await post('catalogs.import', { fileName: 'b.yaml', content: ALIAS_BOMB })).toMatchObject({
      ok: false,
      error: { key: 'catalogInvalid' },
    });
    const sjis = await post('catalogs.preview', {
      fileName: 'a.csv',
      content: b64(cp932(EXCEL_CSV)),
      encoding: 'base64',
    });
    expect(sjis.value).toMatchObject({ ok: true, encoding: { name: 'shift_jis' } });
  });
});
