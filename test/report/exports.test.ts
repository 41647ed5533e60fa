import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/core/report/model';
import { call } from '../../src/main/api/dispatch';
import { buildReport, collectReportInput, reportHtml, safeFileName } from '../../src/main/report/build';
import { csvField, neutraliseFormula } from '../../src/main/report/render/csv';
import { cssString, renderReportHtml } from '../../src/main/report/render/html';
import { resolveChromium } from '../../src/main/report/render/pdf';
import { cellText } from '../../src/main/report/render/xlsx';
import { parseCsv } from '../support/csv';
import { HOSTILE, hostileDemo, LONG } from '../support/hostile-demo';

describe('HTML for print', () => {
  it('escapes user text: markup in a comment comes out literally', async () => {
    const { rt, a } = await hostileDemo();
    const html = reportHtml(buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'ja' })));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
    expect(html).toContain(LONG);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ja">/);
    expect(html).toContain('@font-face');
    // The seven sections, the sign-off page and the ISMAP statement of applicability (the demo's first catalog is ISMAP).
    expect((html.match(/<h2>/g) ?? []).length).toBe(9);
    expect(html).toContain('display: table-header-group');
    expect(html).toContain('<svg class="radar"');
  });

  it('keeps a hostile marking inside its CSS string and escaped in the page', async () => {
    const { rt, a } = await hostileDemo();
    const marking = '"}</style><script>alert(1)</script>\\';
    const html = renderReportHtml(
      buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'en', marking })),
      { fontCss: '' },
    );
    expect(html).not.toMatch(/<script/i);
    expect((html.match(/<\/style>/g) ?? []).length).toBe(1);
    expect(cssString('社外秘 A1')).toBe('"社外秘 A1"');
    expect(cssString('"}<\\\n')).toBe('"\\22 \\7d \\3c \\5c \\a "');
    expect(() =>
      renderReportHtml(buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'en' })), {
        fontCss: '</style>',
      }),
    ).toThrow();
  });
});

describe('XLSX export', () => {
  it('has 概要, 回答, 指摘事項 and 証跡 sheets (Summary, Answers, Actions, Evidence in English) with frozen headers and autofilters', async () => {
    const { rt, a } = await hostileDemo();
    const r = await buildReport(rt.ctx, { assessmentId: a.id, format: 'xlsx', lang: 'ja' });
    expect(r.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // The sample assessment covers two catalogs, so the file says which one it reports on.
    expect(r.fileName).toMatch(/^tenken-2026年度 ISMAP 自己点検（クラウド基盤）-ismap-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '回答', '指摘事項', '証跡']);
    const answers = wb.getWorksheet('回答') as ExcelJS.Worksheet;
    expect(answers.getRow(1).getCell(1).value).toBe('ID');
    expect(answers.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(answers.autoFilter).toBeTruthy();
    expect(answers.rowCount - 1).toBe(a.catalogs[0]?.progress.total);
    const evidence = wb.getWorksheet('証跡') as ExcelJS.Worksheet;
    expect(evidence.rowCount).toBe(4);
    expect(String(evidence.getRow(2).getCell(3).value)).toMatch(/^[0-9a-f]{64}$/);
    const actions = wb.getWorksheet('指摘事項') as ExcelJS.Worksheet;
    // Severity first (the demo sets none), then due date and control.
    expect(actions.getRow(1).getCell(1).value).toBe('重大度');
    expect(actions.getRow(2).getCell(2).value).toBe('2026-08-01');
    expect(actions.getRow(2).getCell(3).value).toBe('4.1');
  });

  it('writes hostile text as plain strings, never formulas, with the text unchanged', async () => {
    const { rt, a } = await hostileDemo();
    const r = await buildReport(rt.ctx, { assessmentId: a.id, format: 'xlsx', lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Answers', 'Actions', 'Evidence']);
    const ws = wb.getWorksheet('Answers') as ExcelJS.Worksheet;
    let row: ExcelJS.Row | undefined;
    ws.eachRow((rr) => {
      if (rr.getCell(1).value === '4.1') row = rr;
    });
    expect(row).toBeDefined();
    const cells = {
      comment: row?.getCell(4),
      justification: row?.getCell(5),
      owner: row?.getCell(6),
      remediation: row?.getCell(8),
    };
    for (const [key, cell] of Object.entries(cells)) {
      expect(cell?.type, key).toBe(ExcelJS.ValueType.String);
      expect(cell?.value, key).toBe(HOSTILE[key as keyof typeof HOSTILE]);
    }
    for (const sheet of wb.worksheets)
      sheet.eachRow((rr) => rr.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    // And in the file itself: no formula element anywhere, user text in the shared strings.
    const zip = await JSZip.loadAsync(r.bytes);
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(4);
    for (const name of sheets) expect(await zip.file(name)?.async('string'), name).not.toMatch(/<f[ >]/);
    expect(await zip.file('xl/sharedStrings.xml')?.async('string')).toContain(
      '=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)',
    );
  });

  it('drops characters XML cannot hold and cuts text at Excel\u2019s cell limit', () => {
    expect(cellText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    const cut = cellText('x'.repeat(40_000));
    expect(cut.length).toBe(32_767);
    expect(cut.endsWith('[truncated]')).toBe(true);
    expect(cellText(LONG)).toBe(LONG);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM and CRLF, quotes the RFC 4180 way and prefixes formula starts with a quote', async () => {
    const { rt, a } = await hostileDemo();
    const r = await buildReport(rt.ctx, { assessmentId: a.id, format: 'csv', lang: 'ja' });
    expect(r.mediaType).toBe('text/csv; charset=utf-8');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = r.bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n(?![^"]*")/); // bare LF only inside quoted fields
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
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
      'スナップショット ID',
      'スナップショットの SHA-256',
    ]);
    // Every record names the one snapshot the report was made from.
    expect(new Set(rows.slice(1).map((x) => `${x[11]} ${x[12]}`)).size).toBe(1);
    expect(rows[1]?.[12]).toMatch(/^[0-9a-f]{64}$/);
    // One row per control of the reported catalog (the first one), not of the whole two-catalog assessment.
    expect(rows).toHaveLength((a.catalogs[0]?.progress.total ?? 0) + 1);
    const row = rows.find((x) => x[0] === '4.1') as string[];
    expect(row[2]).toBe('未実施');
    expect(row[3]).toBe('<script>alert(1)</script>');
    expect(row[4]).toBe('\'=HYPERLINK("http://x","y")');
    expect(row[5]).toBe("'@SUM(A1)");
    expect(row[7]).toBe(LONG);
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('neutralises every OWASP formula start, including full-width ones, and nothing else', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1', '＝1', '＋1', '－1', '＠A1'])
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['a=1', '1-2', ' =1', '', '社外秘', '2026-08-01']) expect(neutraliseFormula(s)).toBe(s);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('-1,2')).toBe('"\'-1,2"');
  });
});

describe('JSON export and the builder', () => {
  it('returns the same results bytes the PDF would attach', async () => {
    const { rt, a } = await hostileDemo();
    const r = await buildReport(rt.ctx, { assessmentId: a.id, format: 'json', lang: 'ja' });
    expect(r.mediaType).toBe('application/json');
    const doc = JSON.parse(r.bytes.toString('utf8')) as {
      schema: string;
      answers: { controlId: string; justification: string; owner: string }[];
    };
    expect(doc.schema).toBe('tenken-results/1');
    expect(doc.answers.find((x) => x.controlId === '4.1')).toMatchObject({
      justification: HOSTILE.justification,
      owner: HOSTILE.owner,
    });
  });

  it('names files safely and says clearly when no Chromium is found', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j\u0000k')).toBe('a_b_c_d_e_f_g_h_i_j_k');
    expect(safeFileName('..')).toBe('assessment');
    const saved = process.env.TENKEN_CHROMIUM;
    delete process.env.TENKEN_CHROMIUM;
    try {
      // A typed error with its i18n key (never matched by message text), naming what was tried.
      expect(() => resolveChromium('/nonexistent/chromium', [])).toThrow(
        expect.objectContaining({
          code: 'internal',
          key: 'chromiumMissing',
          params: { detail: 'tried /nonexistent/chromium' },
        }),
      );
      expect(() => resolveChromium(undefined, ['/nonexistent/a', '/nonexistent/b'])).toThrow(
        expect.objectContaining({ key: 'chromiumMissing', params: { detail: 'tried /nonexistent/a, /nonexistent/b' } }),
      );
    } finally {
      if (saved !== undefined) process.env.TENKEN_CHROMIUM = saved;
    }
  });
});

describe('PDF printer of the desktop app', () => {
  it('prints with the platform printer when the shell provides one (Electron), not with a system Chromium', async () => {
    const { rt, a } = await hostileDemo();
    const { PDFDocument } = await import('pdf-lib');
    const { verifyReportPdf } = await import('../../src/main/report/render/pdf');
    const printed: string[] = [];
    const printPdf = async (html: string) => {
      printed.push(html);
      const doc = await PDFDocument.create();
      doc.addPage([595, 842]);
      return doc.save();
    };
    const ctx = { ...rt.ctx, platform: { revealFile: () => undefined, printPdf } };
    const r = await buildReport(ctx, {
      assessmentId: a.id,
      format: 'pdf',
      lang: 'ja',
      chromiumPath: '/no/such/chromium',
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('&lt;script&gt;');
    expect((await verifyReportPdf(r.bytes)).ok).toBe(true);
  });
});

describe('report sections', () => {
  it('prints only the chosen sections, always with the cover and the catalog source and licence', async () => {
    const { rt, a } = await hostileDemo();
    const all = reportHtml(buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'en' })));
    const some = reportHtml(
      buildReportModel(
        collectReportInput(rt.ctx, { assessmentId: a.id, lang: 'en', sections: ['findings', 'evidence'] }),
      ),
    );
    const headings = (html: string) => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings(all)).toEqual([
      'Sign-off',
      'ISMAP statement of applicability (control objectives selected and excluded)',
      'Executive summary',
      'Answers by control',
      'Findings and remediation plan',
      'Exclusions and not-applicable justifications',
      'Evidence manifest',
      'Change history summary',
      'Catalog source and licence',
    ]);
    expect(headings(some)).toEqual([
      'Sign-off',
      'Findings and remediation plan',
      'Evidence manifest',
      'Catalog source and licence',
    ]);
    expect(some).toContain('class="cover"');
    await expect(
      call(rt.ctx, 'report.preview', { assessmentId: a.id, lang: 'en', sections: ['nope' as 'audit'] }),
    ).rejects.toMatchObject({ code: 'bad_input' });
  });
});
