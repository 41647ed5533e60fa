import ExcelJS from 'exceljs';

/**
 * A workbook in the shape of the official ISMAP 管理基準 Excel, built for tests: a cover sheet, then governance,
 * management and control-criteria sheets with title rows above the header, merged title and chapter cells, blank
 * rows, Japanese headers, full-width digits, trailing spaces in IDs, 4桁 IDs with .B/.P/.PB (one in lower case, one
 * after a space), an LIU marker column and a text continued on the next row. The texts are invented for the test
 * (「試験用」), not the official wording.
 *
 * `variant` breaks it the ways a user's file can be wrong.
 */
export type IsmapWorkbookVariant =
  'good' | 'noLiu' | 'missingHeader' | 'duplicateId' | 'orphanDetailed' | 'unknownSuffix';

/** Management IDs in the shipped catalog (4.1–4.9 and their items); the workbook titles all but 4.9.2. */
export const MANAGEMENT_IDS = [
  '4.1',
  '4.2',
  '4.3',
  '4.3.1',
  '4.4',
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `4.4.${n}`),
  '4.5',
  ...[1, 2, 3, 4, 5].map((n) => `4.5.${n}`),
  '4.6',
  '4.6.1',
  '4.6.2',
  '4.6.3',
  '4.7',
  '4.7.1',
  '4.8',
  '4.8.1',
  '4.8.2',
  '4.9',
  '4.9.1',
];

export async function ismapWorkbook(variant: IsmapWorkbookVariant = 'good'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('表紙');
  cover.getCell('B2').value = 'ISMAP管理基準（試験用の写し）';
  cover.getCell('B4').value = '2024年7月';

  // Governance: a merged title row, a blank row, the header in row 3.
  const gov = wb.addWorksheet('ガバナンス基準');
  gov.mergeCells('A1:C1');
  gov.getCell('A1').value = 'ISMAP管理基準　ガバナンス基準';
  gov.getRow(3).values = ['管理策番号', 'ガバナンス基準', '備考'];
  const govRows: [string, string][] = [
    ['３', 'ガバナンス基準'],
    ['3.1 ', '試験用 経営陣による方向付け'],
    ['3.1.1', '試験用 経営陣は情報セキュリティの目的を定める'],
    ['3.1.2', '試験用 経営陣は必要な資源を割り当てる'],
  ];
  govRows.forEach(([id, text], i) => {
    gov.getRow(4 + i).values = [id, text];
  });

  // Management: header in row 2, a blank row inside, all but 4.9.2 titled.
  const mgmt = wb.addWorksheet('マネジメント基準');
  mgmt.getCell('A1').value = 'マネジメント基準';
  mgmt.getRow(2).values = ['No.', '管理策'];
  let r = 3;
  mgmt.getRow(r++).values = ['4', 'マネジメント基準'];
  for (const id of MANAGEMENT_IDS) {
    if (id === '4.6') r++; // a blank row
    mgmt.getRow(r++).values = [`${id}  `, `試験用 マネジメント項目 ${id} の名称`];
  }

  // Control criteria: three title rows, the header in row 4, chapter cells merged down the rows of the chapter.
  const ctl = wb.addWorksheet('管理策基準');
  ctl.mergeCells('A1:E1');
  ctl.getCell('A1').value = 'ISMAP管理基準　管理策基準';
  ctl.getCell('A2').value = '（試験用）';
  if (variant !== 'missingHeader')
    ctl.getRow(4).values = [
      '章',
      '管理策番号',
      '管理策',
      '基本言明要件',
      ...(variant === 'noLiu' ? [] : ['ISMAP-LIU']),
    ];
  const liu = variant === 'noLiu' ? undefined : '○';
  const rows: (string | undefined)[][] = [
    // chapter, id, text, B, LIU
    ['５　情報セキュリティのための方針群', '5.1', '試験用 方針群の群'],
    [undefined, '5.1.1 ', '試験用 統制目標 5.1.1 の本文'],
    [undefined, '５．１．１．１', '試験用 詳細管理策 5.1.1.1', undefined, liu],
    [undefined, '5.1.1.2.B', '試験用 詳細管理策 5.1.1.2 の本文は長いため次の行に続く。', '○', liu],
    [undefined, undefined, '試験用 続きの文。'],
    [],
    [undefined, '5.1.2', '試験用 統制目標 5.1.2'],
    [undefined, '5.1.2.1 PB', '試験用 詳細管理策 5.1.2.1'],
    [undefined, '5.1.2.2', '試験用 詳細管理策 5.1.2.2'],
    ['6 情報セキュリティのための組織', '6.3.1', '試験用 クラウドの役割分担（.P なしで記載）'],
    [undefined, '6.3.1.1.P', '試験用 詳細管理策 6.3.1.1'],
    ['8 資産の管理', '8.1.5.P', '試験用 クラウド利用者の資産の除去'],
    [undefined, '8.1.5.4.P', '試験用 暗号化消去', undefined, liu],
    ['9 アクセス制御', '9.2.3', '試験用 特権的アクセス権の管理'],
    [undefined, '9.2.3.11.pb', '試験用 多要素認証', '○'],
  ];
  if (variant === 'duplicateId') rows.push([undefined, '5.1.1.1', '試験用 重複した行']);
  if (variant === 'orphanDetailed') rows.push([undefined, '5.1.3.1', '試験用 統制目標のない詳細管理策']);
  if (variant === 'unknownSuffix') rows.push([undefined, '5.1.1.3.X', '試験用 不明な接尾辞']);
  const first = 5;
  rows.forEach((cells, i) => {
    if (cells.length) ctl.getRow(first + i).values = cells.map((c) => c ?? null);
  });
  // Chapter 5 spans its rows (5–13 here) in one merged cell.
  ctl.mergeCells(`A${first}:A${first + 8}`);
  ctl.getColumn(3).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Row of a control-criteria line in the workbook (1-based), for asserting located errors. */
export const CONTROL_FIRST_ROW = 5;
export const CONTROL_ROWS = 15;
