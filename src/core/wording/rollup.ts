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
};

export const ROLLUP_WORDING: Readonly<Record<'ja' | 'en', Wording>> = { ja, en };
