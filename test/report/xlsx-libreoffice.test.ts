import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/main/report/build';
import { parseCsv } from '../support/csv';
import { HOSTILE, hostileDemo, LONG } from '../support/hostile-demo';

/**
 * The XLSX export read by a second, independent spreadsheet application: LibreOffice Calc, headless, converts the
 * workbook of the demo assessment (with hostile text) to one CSV per sheet, and every cell must come back exactly as
 * exceljs wrote it (Japanese, `=HYPERLINK(…)` as text, markup as text, a 10,000-character string).
 *
 * LibreOffice never says that it repaired a file when it runs headless: a workbook with a missing part converts with
 * exit status 0 and silently loses its text (the last test shows it). So the package itself is validated too, the
 * way Excel does before it offers "repair": every part named in [Content_Types].xml and in the relationships exists,
 * every part has a content type, every XML part is well formed, and cells point at existing shared strings and styles.
 *
 * LibreOffice is optional on developer machines (`apt-get install --no-install-recommends libreoffice-calc-nogui`);
 * without it the conversion tests are skipped with a warning, the package checks still run.
 */

const SOFFICE = [
  process.env.TENKEN_SOFFICE,
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/lib/libreoffice/program/soffice',
]
  .filter((p): p is string => !!p)
  .find((p) => existsSync(p));
if (!SOFFICE)
  console.warn(
    '[skip] soffice not found: LibreOffice conversion of the XLSX export SKIPPED; apt-get install --no-install-recommends libreoffice-calc-nogui',
  );

/* ---------- The package, as Excel checks it before offering repair ---------- */

const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// jsdom (a devDependency) ships no type declarations: loaded untyped, with just the type this test needs.
const loadCjs = createRequire(import.meta.url);
const { JSDOM } = loadCjs('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };
const parser = new new JSDOM('').window.DOMParser();

function parseXml(text: string): Document | null {
  const doc = parser.parseFromString(text, 'application/xml');
  return doc.getElementsByTagName('parsererror').length ? null : doc;
}
const elements = (doc: Document | Element, ns: string, name: string) => [...doc.getElementsByTagNameNS(ns, name)];

/** `_rels/.rels` → rels (path.extname sees a dot file there and answers ''). */
const extension = (part: string) => (/\.([^./]+)$/.exec(part)?.[1] ?? '').toLowerCase();

/** The part a relationships file describes: `xl/_rels/workbook.xml.rels` → `xl/workbook.xml`, `_rels/.rels` → the package root. */
function relsSourceDir(relsPath: string): string {
  const dir = posix.dirname(posix.dirname(relsPath));
  return dir === '.' ? '' : dir;
}

/** Everything that would make Excel (or LibreOffice, silently) repair the workbook; empty when the package is sound. */
async function xlsxPackageProblems(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
  const has = (name: string) => parts.includes(name);
  const xml = new Map<string, Document>();
  for (const name of parts.filter((n) => /\.(xml|rels)$/i.test(n))) {
    const doc = parseXml(await (zip.file(name) as JSZip.JSZipObject).async('string'));
    if (doc) xml.set(name, doc);
    else problems.push(`${name}: not well-formed XML`);
  }

  const types = xml.get('[Content_Types].xml');
  if (!types) return [...problems, '[Content_Types].xml missing or unreadable'];
  const defaults = new Set(
    elements(types, CT_NS, 'Default').map((e) => (e.getAttribute('Extension') ?? '').toLowerCase()),
  );
  const overrides = elements(types, CT_NS, 'Override').map((e) =>
    (e.getAttribute('PartName') ?? '').replace(/^\//, ''),
  );
  for (const part of overrides)
    if (!has(part)) problems.push(`[Content_Types].xml: Override for missing part /${part}`);
  for (const part of parts) {
    if (part === '[Content_Types].xml') continue;
    if (!overrides.includes(part) && !defaults.has(extension(part))) problems.push(`${part}: no content type`);
  }

  if (!has('_rels/.rels')) problems.push('_rels/.rels missing');
  const targets = new Map<string, Map<string, string>>(); // source part → relationship id → target part
  for (const [name, doc] of xml) {
    if (!name.endsWith('.rels')) continue;
    const source = name === '_rels/.rels' ? '' : posix.join(relsSourceDir(name), posix.basename(name, '.rels'));
    if (source && !has(source)) problems.push(`${name}: relationships of missing part ${source}`);
    const ids = new Map<string, string>();
    for (const rel of elements(doc, REL_NS, 'Relationship')) {
      const id = rel.getAttribute('Id') ?? '';
      if (ids.has(id)) problems.push(`${name}: duplicate relationship id ${id}`);
      if (rel.getAttribute('TargetMode') === 'External') continue;
      const target = rel.getAttribute('Target') ?? '';
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : posix.normalize(posix.join(relsSourceDir(name), target));
      ids.set(id, resolved);
      if (!has(resolved)) problems.push(`${name}: ${id} points at missing part ${resolved}`);
    }
    targets.set(source, ids);
  }

  const workbook = xml.get('xl/workbook.xml');
  if (!workbook) return [...problems, 'xl/workbook.xml missing or unreadable'];
  const SML = workbook.documentElement.namespaceURI ?? '';
  const sheetNames = new Set<string>();
  const sheetParts: string[] = [];
  for (const sheet of elements(workbook, SML, 'sheet')) {
    const name = sheet.getAttribute('name') ?? '';
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || sheetNames.has(name.toLowerCase()))
      problems.push(`xl/workbook.xml: bad or duplicate sheet name "${name}"`);
    sheetNames.add(name.toLowerCase());
    const part = targets.get('xl/workbook.xml')?.get(sheet.getAttributeNS(OFFICE_REL_NS, 'id') ?? '');
    if (part) sheetParts.push(part);
    else problems.push(`xl/workbook.xml: sheet "${name}" has no relationship`);
  }

  const strings = xml.get('xl/sharedStrings.xml');
  const stringCount = strings ? elements(strings, SML, 'si').length : 0;
  const styles = xml.get('xl/styles.xml');
  const cellXfs = styles ? elements(styles, SML, 'cellXfs')[0] : undefined;
  const styleCount = cellXfs ? elements(cellXfs, SML, 'xf').length : 0;
  for (const part of sheetParts) {
    const sheet = xml.get(part);
    if (!sheet) continue;
    for (const c of elements(sheet, SML, 'c')) {
      const ref = c.getAttribute('r');
      const style = Number(c.getAttribute('s') ?? 0);
      if (style >= Math.max(styleCount, 1)) problems.push(`${part} ${ref}: style ${style} of ${styleCount}`);
      const v = elements(c, SML, 'v')[0]?.textContent ?? '';
      if (c.getAttribute('t') === 's' && !(Number(v) < stringCount))
        problems.push(`${part} ${ref}: shared string ${v} of ${stringCount}`);
      if (c.getAttribute('t') === 'inlineStr' || c.getAttribute('t') === 'str') {
        if ((c.textContent ?? '').length > 32_767) problems.push(`${part} ${ref}: text over 32,767 characters`);
      }
    }
  }
  if (strings)
    for (const si of elements(strings, SML, 'si'))
      if ((si.textContent ?? '').length > 32_767) problems.push('xl/sharedStrings.xml: text over 32,767 characters');
  return problems;
}

/** A copy of the package with one part replaced (string) or removed (null). */
async function tamper(bytes: Uint8Array, name: string, content: string | null): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  if (content === null) zip.remove(name);
  else zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/* ---------- LibreOffice ---------- */

// Filter options: comma, double quote, UTF-8 (76), from line 1, cell contents as stored (not as shown), no formulas
// (a formula would come back as its result, "y", not as its text), and -1: every sheet into its own file.
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

type Conversion = { status: number | null; stderr: string; ms: number; sheets: Map<string, string[][]> };

/** Converts with a private, throw-away profile, no shell, and a time limit; returns each sheet's rows. */
function convertWithLibreOffice(soffice: string, xlsx: Buffer, work: string, base: string): Conversion {
  const input = join(work, `${base}.xlsx`);
  const outDir = mkdtempSync(join(work, 'out-'));
  writeFileSync(input, xlsx);
  const t = Date.now();
  const r = spawnSync(
    soffice,
    [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nologo',
      `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
      '--convert-to',
      CSV_FILTER,
      '--outdir',
      outDir,
      input,
    ],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: work, SAL_USE_VCLPLUGIN: 'svp' } },
  );
  const ms = Date.now() - t;
  const sheets = new Map<string, string[][]>();
  for (const f of readdirSync(outDir)) {
    const m = new RegExp(`^${base}-(.+)\\.csv$`).exec(f);
    if (m) sheets.set(m[1] as string, trimRows(parseCsv(readFileSync(join(outDir, f), 'utf8'), { rows: 'any' })));
  }
  return { status: r.status, stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, ms, sheets };
}

/** Trailing empty cells and rows dropped (LibreOffice and exceljs disagree on them). */
function trimRows(rows: string[][]): string[][] {
  const out = rows.map((r) => {
    const c = [...r];
    while (c.length && c.at(-1) === '') c.pop();
    return c;
  });
  while (out.length && out.at(-1)?.length === 0) out.pop();
  return out;
}

/** What exceljs reads back from the same bytes, as text (our workbook holds strings and plain numbers only). */
async function sheetsByExcelJs(bytes: Buffer): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, string[][]>();
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 0); c++) {
        const v = row.getCell(c).value;
        if (v !== null && typeof v === 'object')
          throw new Error(`${ws.name}!R${r}C${c}: unexpected ${JSON.stringify(v).slice(0, 80)}`);
        cells.push(v === null || v === undefined ? '' : String(v));
      }
      rows.push(cells);
    }
    out.set(ws.name, trimRows(rows));
  }
  return out;
}

/* ---------- Tests ---------- */

let xlsx: Buffer;
let work = '';

beforeAll(async () => {
  const { a, rt } = await hostileDemo();
  xlsx = (await buildReport(rt.ctx, { assessmentId: a.id, format: 'xlsx', lang: 'ja' })).bytes;
  work = mkdtempSync(join(tmpdir(), 'tenken-xlsx-lo-'));
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('XLSX package (what Excel checks before it offers repair)', () => {
  it('has every referenced part, a content type for every part, well-formed XML and valid cell references', async () => {
    expect(await xlsxPackageProblems(xlsx)).toEqual([]);
  });

  it('notices a missing part, a part without content type, a dangling relationship and broken XML', async () => {
    expect(await xlsxPackageProblems(await tamper(xlsx, 'xl/sharedStrings.xml', null))).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml: Override for missing part /xl/sharedStrings.xml',
        'xl/_rels/workbook.xml.rels: rId3 points at missing part xl/sharedStrings.xml',
      ]),
    );
    expect(await xlsxPackageProblems(await tamper(xlsx, 'xl/media/image1.png', 'x'))).toContain(
      'xl/media/image1.png: no content type',
    );
    const sheet = (await (await JSZip.loadAsync(xlsx)).file('xl/worksheets/sheet2.xml')?.async('string')) as string;
    expect(
      await xlsxPackageProblems(await tamper(xlsx, 'xl/worksheets/sheet2.xml', sheet.replace('</sheetData>', ''))),
    ).toContain('xl/worksheets/sheet2.xml: not well-formed XML');
    expect(
      await xlsxPackageProblems(
        await tamper(
          xlsx,
          'xl/worksheets/sheet2.xml',
          sheet.replace(/<c r="A2"([^>]*)t="s"><v>\d+<\/v>/, '<c r="A2"$1t="s"><v>99999</v>'),
        ),
      ),
    ).toEqual([expect.stringMatching(/^xl\/worksheets\/sheet2\.xml A2: shared string 99999 of \d+$/)]);
  });
});

describe(
  SOFFICE
    ? 'XLSX opened by LibreOffice Calc (headless)'
    : 'XLSX opened by LibreOffice Calc — SKIPPED: soffice not installed',
  () => {
    it.skipIf(!SOFFICE)(
      'converts every sheet, and every cell comes back exactly as written',
      async () => {
        const lo = convertWithLibreOffice(SOFFICE as string, xlsx, work, 'demo');
        console.info(`[test/report/xlsx-libreoffice] soffice conversion ${lo.ms} ms`);
        expect(lo.status, lo.stderr).toBe(0);
        expect(lo.stderr).not.toMatch(/Error:/);
        expect([...lo.sheets.keys()]).toEqual(expect.arrayContaining(['概要', '回答', '指摘事項', '証跡']));
        expect(lo.sheets.size).toBe(4);

        const answers = lo.sheets.get('回答') as string[][];
        expect(answers[0]).toEqual([
          'ID',
          '管理策',
          '回答',
          'コメント',
          '理由',
          '担当',
          '期限',
          '改善計画',
          '証跡',
          '要確認',
          '重大度',
        ]);
        const row = answers.find((r) => r[0] === '4.1') as string[];
        expect(row).toBeDefined();
        expect(row[1]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(row.slice(3, 6)).toEqual([HOSTILE.comment, HOSTILE.justification, HOSTILE.owner]);
        expect(row[7]).toBe(LONG);
        expect(LONG.length).toBeGreaterThan(9_990);
        expect(answers.some((r) => r[1] === 'ガバナンス基準（章全体を一括して評価）')).toBe(true);
        expect((lo.sheets.get('概要') as string[][])[0]?.[0]).toMatch(/^セキュリティ自己点検/);
        expect((lo.sheets.get('証跡') as string[][])[1]?.[2]).toMatch(/^[0-9a-f]{64}$/);

        // Cell for cell: what LibreOffice read equals what exceljs reads from the same bytes.
        const expected = await sheetsByExcelJs(xlsx);
        for (const [name, rows] of expected) expect(lo.sheets.get(name), name).toEqual(rows);
      },
      150_000,
    );

    it.skipIf(!SOFFICE)(
      '(why the package is validated too) converts a workbook without its shared strings with exit 0, silently losing the text',
      async () => {
        const broken = await tamper(xlsx, 'xl/sharedStrings.xml', null);
        const lo = convertWithLibreOffice(SOFFICE as string, broken, work, 'broken');
        expect(lo.status).toBe(0);
        expect(lo.sheets.get('回答') ?? []).not.toEqual((await sheetsByExcelJs(xlsx)).get('回答'));
        expect((await xlsxPackageProblems(broken)).length).toBeGreaterThan(0);
      },
      150_000,
    );
  },
);
