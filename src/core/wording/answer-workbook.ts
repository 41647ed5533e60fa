/**
 * The fixed words of the answer workbook (answer-workbook export/import) and of the blank questionnaire PDF, in
 * Japanese and English. Kept apart from ja.ts/en.ts (the report's words) so that the two documents can grow
 * independently; the type makes both languages carry the same keys.
 */
const jaWords = {
  sheetInstructions: '記入方法',
  sheetAnswers: '回答',
  catalog: 'カタログ',
  controlId: '管理策 ID',
  controlTitle: '管理策',
  answer: '回答',
  comment: 'コメント',
  justification: '理由（正当化）',
  owner: '担当者',
  dueDate: '期限（YYYY-MM-DD）',
  instructionsTitle: '回答ワークブックの記入方法',
  instructions: [
    '「回答」シートの各行が 1 つの管理策です。灰色の列（カタログ、管理策 ID、管理策）は変更できません（シート保護、パスワードなし）。',
    '「回答」列はセルの一覧（▼）から選んでください。一覧にない値は取り込み時に拒否されます。空欄は「未回答」です。',
    '理由が必要な回答（例: 除外・該当なし）には「理由（正当化）」列を必ず記入してください。',
    '期限は YYYY-MM-DD（例: 2027-03-31）で入力してください。セルに数式を入れないでください（数式のあるセルは拒否されます）。',
    '行の追加・削除・並べ替えをしても構いませんが、管理策 ID は書き換えないでください。非表示のシート（_tenken）は変更しないでください。',
    '記入後、Tenken の点検画面の「Excel から取り込み」でこのファイルを選ぶと、変更点の一覧を確認してから反映できます。1 行でも誤りがあれば何も反映されません。',
  ],
  assessment: '点検',
  organization: '組織',
  exportedAt: '書き出し日時',
  exportId: '書き出し ID',
  scaleHeading: '回答の選択肢',
  needsJustification: '理由が必要',
  // Blank questionnaire
  questionnaireTitle: '点検 質問票（記入用）',
  questionnaireIntro:
    '各管理策について、該当する回答に ✓ を付け、コメント欄に状況・根拠を記入してください。理由が必要な回答（※）を選んだ場合は理由を必ず記入してください。',
  guidance: '確認の観点',
  description: '説明',
  commentLines: 'コメント・根拠',
  respondent: '回答者',
  date: '記入日',
  page: 'ページ',
  of: '/',
  requiredMark: '※理由が必要',
  controlsCount: '管理策数',
};

export type AnswerWorkbookWords = typeof jaWords;

const enWords: AnswerWorkbookWords = {
  sheetInstructions: 'Instructions',
  sheetAnswers: 'Answers',
  catalog: 'Catalog',
  controlId: 'Control ID',
  controlTitle: 'Control',
  answer: 'Answer',
  comment: 'Comment',
  justification: 'Justification',
  owner: 'Owner',
  dueDate: 'Due (YYYY-MM-DD)',
  instructionsTitle: 'How to fill in the answer workbook',
  instructions: [
    'Each row of the "Answers" sheet is one control. The grey columns (catalog, control ID, control) cannot be changed (sheet protection, no password).',
    'Choose the answer from the cell\'s list (▼). A value that is not in the list is refused on import. An empty cell means "not answered".',
    'Answers that need a justification (e.g. excluded / not applicable) must have the Justification column filled in.',
    'Enter due dates as YYYY-MM-DD (e.g. 2027-03-31). Do not put formulas in cells (a cell with a formula is refused).',
    'You may add, delete or sort rows, but do not change the control IDs. Do not change the hidden sheet (_tenken).',
    'When done, choose this file with "Import from Excel" on the assessment page in Tenken: you see every change before it is applied. If any row is wrong, nothing is applied.',
  ],
  assessment: 'Assessment',
  organization: 'Organization',
  exportedAt: 'Exported at',
  exportId: 'Export ID',
  scaleHeading: 'Answer choices',
  needsJustification: 'needs a justification',
  questionnaireTitle: 'Assessment questionnaire (blank)',
  questionnaireIntro:
    'For each control, tick the answer that applies and write the situation and its evidence in the comment lines. Where an answer marked ※ is chosen, a justification is required.',
  guidance: 'What to check',
  description: 'Description',
  commentLines: 'Comment / evidence',
  respondent: 'Respondent',
  date: 'Date',
  page: 'Page',
  of: '/',
  requiredMark: '※ justification required',
  controlsCount: 'Controls',
};

export const ANSWER_WORKBOOK_WORDS: Record<'ja' | 'en', AnswerWorkbookWords> = { ja: jaWords, en: enWords };
