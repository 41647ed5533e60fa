/**
 * The fixed words of the roll-up workbook (several assessments of one catalog side by side), ja and en with the
 * same keys (the type enforces it). Kept beside the report's tables rather than inside them: the roll-up is its own
 * document.
 */
const ja = {
  title: '横断比較',
  sheetScores: 'グループ別スコア',
  sheetOrganizations: '組織別',
  sheetWeak: '共通の弱点',
  catalog: '管理策カタログ',
  generatedAt: '作成日時',
  assessment: '点検',
  organization: '組織',
  period: '点検期間',
  version: '版',
  status: '状態',
  overall: '全体',
  group: 'グループ',
  members: '点検数',
  answered: '回答済み',
  controls: '管理策数',
  controlId: '管理策 ID',
  controlTitle: '管理策',
  weakIn: '弱点となった点検数',
  answeredIn: '回答した点検数',
  noOrganization: '（組織なし）',
  weakRule:
    '「共通の弱点」は、回答したすべての点検で不適合・一部適合・不明となった管理策です（2 件以上の点検が回答したもの）。未回答は数えません。',
  scoreRule:
    '組織別のスコアは、その組織の点検を合算した値です（割合のスコアは達成点の合計÷満点の合計、点数のスコアは平均）。',
  // The roll-up PDF (render/rollup-html.tsx).
  reportTitle: '横断比較 報告書',
  membersHeading: '対象の点検',
  membersNote:
    '各点検の履歴ヘッドは、その点検の最後の履歴エントリ（番号とハッシュ）です。点検ファイルや報告書に記録されたヘッドと照合できます。',
  historyHead: '履歴ヘッド',
  historyCheck: '履歴の検証',
  historyIntact: '正常（ハッシュチェーン {entries} 件、各点検の再生が一致）',
  historyBroken: '不一致（エントリ {seq}）: tenken audit verify で確認してください',
  workspaceHead: 'ワークスペースのチェーン先頭',
  scoresHeading: 'グループ別スコア',
  scoresPart: 'グループ別スコア（{from}〜{to} 件目）',
  organizationsHeading: '組織別スコア',
  weakHeading: '共通の弱点',
  noWeak: '回答したすべての点検で弱点となった管理策はありません。',
  inScope: '対象とした点検数',
  memberCount: '点検の数',
  organizationCount: '組織数',
  catalogVersion: '版',
  noPeriod: '—',
  provisionalMark: '（暫定）',
  textKindNote:
    '本書は Tenken が各点検の回答から作成した集計です。個々の管理策の回答・根拠・証跡は、各点検の報告書を参照してください。',
} as const;

type Wording = { readonly [K in keyof typeof ja]: string };

const en: Wording = {
  title: 'Roll-up',
  sheetScores: 'Scores by group',
  sheetOrganizations: 'By organization',
  sheetWeak: 'Weak everywhere',
  catalog: 'Control catalog',
  generatedAt: 'Generated',
  assessment: 'Assessment',
  organization: 'Organization',
  period: 'Period',
  version: 'Version',
  status: 'Status',
  overall: 'Overall',
  group: 'Group',
  members: 'Assessments',
  answered: 'Answered',
  controls: 'Controls',
  controlId: 'Control ID',
  controlTitle: 'Control',
  weakIn: 'Weak in',
  answeredIn: 'Answered in',
  noOrganization: '(no organization)',
  weakRule:
    'Weak everywhere: controls answered as non-compliant, partial or unknown in every assessment that answered them (at least two). Unanswered controls are not counted.',
  scoreRule:
    "An organization's score pools its assessments (percent scores: achieved over possible across them; points scores: their mean).",
  reportTitle: 'Roll-up report',
  membersHeading: 'Assessments included',
  membersNote:
    "Each assessment's history head is its last history entry (number and hash); compare it with the head an assessment file or a report of it carries.",
  historyHead: 'History head',
  historyCheck: 'History check',
  historyIntact: 'Intact (hash chain of {entries} entries; every assessment replays to its data)',
  historyBroken: 'Does not agree (entry {seq}): see tenken audit verify',
  workspaceHead: 'Head of the workspace chain',
  scoresHeading: 'Scores by group',
  scoresPart: 'Scores by group (assessments {from}–{to})',
  organizationsHeading: 'Scores by organization',
  weakHeading: 'Weak everywhere',
  noWeak: 'No control is weak in every assessment that answered it.',
  inScope: 'In scope in',
  memberCount: 'Assessments',
  organizationCount: 'Organizations',
  catalogVersion: 'Version',
  noPeriod: '—',
  provisionalMark: '(provisional)',
  textKindNote:
    "Tenken compiled this summary from each assessment's answers. For a control's answer, justification and evidence, see that assessment's own report.",
};

export const ROLLUP_WORDING: Readonly<Record<'ja' | 'en', Wording>> = { ja, en };
