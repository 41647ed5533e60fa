/**
 * Every fixed word Tenken writes into its documents in Japanese — the report (PDF, XLSX, CSV) and the OSCAL
 * documents — as data: strings only, `{name}` placeholders filled by `fillLabel`. The English table (en.ts) has the
 * same keys (the type enforces it) and the same placeholders (test/report/labels.test.ts). The UI's words live in
 * src/shared/i18n; the answer meanings here must equal the UI's (tested), so a reader sees one word for one thing.
 */
export const ja = {
  /** Answer meanings, as the UI's ui.dashboard.meaning.* */
  meanings: {
    compliant: '適合',
    partial: '一部適合',
    noncompliant: '不適合',
    not_applicable: '該当なし',
    not_tested: '未テスト',
    unknown: '不明',
  },
  report: {
    reportTitle: 'セキュリティ自己点検 報告書',
    marking: '取扱区分',
    defaultMarking: '社外秘',

    // Cover
    organization: '組織',
    assessmentName: '点検名',
    assessmentId: '点検 ID',
    otherCatalogs: '同じ点検の他のカタログ（別の報告書）',
    scope: '対象範囲',
    assessors: '点検者',
    period: '点検期間',
    status: '状態',
    catalog: '管理策カタログ',
    catalogVersion: '版',
    profile: '適用プロファイル',
    publisher: '発行者',
    published: '発行日',
    sourceUrl: '出典 URL',
    generatedAt: '作成日時',
    appVersion: '作成ツール',
    resultsSha256: '添付結果 JSON の SHA-256',
    resultsNote:
      'この PDF には機械可読な点検結果（tenken-results.json）が添付されています。上記のハッシュ値と一致すれば、添付ファイルは本報告書の作成時のままです。',
    none: '—',
    periodRange: '{start} 〜 {end}',

    // Status
    statusDraft: '作成中',
    statusInReview: 'レビュー中',
    statusFinal: '確定',

    // Sign-off, report number, draft watermark, page header
    statusApproved: '確定・承認済み',
    reportNumber: '報告書番号',
    reportNumberValue: '第 {n} 号',
    reportNumberNote: '書き出すたびに 1 つ増える、この点検の通し番号です。',
    watermark: '下書き／DRAFT',
    draftNote: 'この報告書は下書きです。点検が確定し承認されるまで、各ページに「下書き」の透かしが入ります。',
    signoff: '作成・レビュー・承認',
    signoffNote:
      'Tenken に記録された作成者・レビュー者・承認者です（いずれも変更履歴に記録）。承認は確定した点検にのみ記録でき、再開すると取り消されます。',
    signoffStep: '区分',
    signoffName: '氏名',
    signoffRole: '役職・役割',
    signoffAt: '記録日時',
    signoffSeal: '署名・押印',
    signoffPrepared: '作成',
    signoffReviewed: 'レビュー',
    signoffApproved: '承認',
    notRecorded: '未記録',
    headerLine: '{organization}　{title}',

    // Text kinds
    textKindOwnSummary:
      '管理策の文言は Tenken による要約（独自の言い換え）であり、原文ではありません。判断には必ず原典を参照してください。',
    textKindOwnGuidance:
      '管理策は Tenken が独自に作成した点検項目であり、公的な基準・ガイドラインの原文でも要約でもありません。参考にした資料はカタログの説明に記載しています。',
    textKindOfficial: '管理策の文言は発行者の原文です（利用条件の範囲内で収録）。',
    textKindMixed: '管理策の文言には原文と Tenken による要約が混在しています。判断には原典を参照してください。',
    textKindUser: '利用者が取り込んだカタログです。文言の正確性は取り込んだ組織の責任です。',

    // Executive summary
    summary: '概要',
    overallScore: '総合スコア',
    scoreRule: 'スコアは回答済みで採点対象の管理策のみで算出し、除外・該当なし・未回答は分母に含めません。',
    scoreRulePoints: 'スコアは各回答の点数の合計です。未回答の管理策は 0 点として満点に含めます。',
    progress: '回答状況',
    progressValue: '{answered} / {total} 件回答済み',
    answerCounts: '回答の内訳',
    answer: '回答',
    count: '件数',
    unanswered: '未回答',
    groupFigures: '分類別の状況',
    group: '分類',
    controls: '管理策数',
    answered: '回答済み',
    score: 'スコア',
    radarTitle: '分類別スコア（0〜100）',
    band: '評価',
    provisional: '（暫定：未回答あり）',
    points: '{value} 点',
    percent: '{value}%',

    // Per-group tables
    results: '管理策ごとの回答',
    controlId: 'ID',
    controlTitle: '管理策',
    comment: 'コメント',
    justification: '理由',
    evidenceFiles: '証跡',
    owner: '担当',
    customizedApproach: 'カスタマイズドアプローチ',
    dueDate: '期限',
    remediation: '改善計画',
    markedForReview: '要確認',
    noControls: '対象の管理策はありません。',

    // Findings
    findings: '指摘事項と改善計画',
    // {answers}: the catalog's own labels of those answers, quoted and listed (quoted, listSeparator, listOr below);
    // the …Neutral wording is for a scale without such answers.
    findingsNote: '{answers}と回答した管理策を、改善期限の早い順に示します（期限未設定は末尾）。',
    findingsNoteNeutral:
      '要求事項を満たしていない、または一部のみ満たすと回答した管理策を、改善期限の早い順に示します（期限未設定は末尾）。',
    noFindings: '指摘事項はありません。',
    notSet: '未設定',

    // Exclusions
    exclusions: '適用除外・対象外の理由',
    exclusionsNote: '{answers}と回答した管理策と、その理由です。',
    exclusionsNoteNeutral: '除外・該当なし・未評価と回答した管理策と、その理由です。',
    noExclusions: '適用除外・対象外の管理策はありません。',
    justificationMissing: '（理由の記載なし）',

    // Evidence manifest
    evidence: '証跡一覧',
    evidenceNote: '各証跡ファイルの SHA-256 は作業フォルダに保存されたファイル内容のハッシュ値です。',
    fileName: 'ファイル名',
    size: 'サイズ',
    sha256: 'SHA-256',
    addedBy: '登録者',
    addedAt: '登録日時',
    linkedControls: '対象の管理策',
    noEvidence: '証跡は登録されていません。',
    bytes: '{value} バイト',

    // Audit summary
    audit: '変更履歴の要約',
    auditNote:
      'すべての変更はハッシュチェーンで連結された履歴に記録されています。チェーンの先頭ハッシュが一致すれば、作成時点以降に履歴が改ざんされていないことを確認できます。',
    auditEntries: '履歴の件数（作業フォルダ全体）',
    auditAssessmentEntries: 'この点検に関する変更の件数',
    auditHead: 'ハッシュチェーンの先頭',
    auditChain: 'チェーンの検証',
    auditOk: '正常（改ざんは検出されませんでした）',
    auditBroken: '異常（履歴の改ざんまたは欠落を検出）',

    // Catalog source
    source: 'カタログの出典と利用条件',
    licenceNote: '利用条件',
    textKind: '文言の種類',
    unverifiedNote: '未確認事項',

    // Quoting and listing answer labels in notes: 「A」、「B」または「C」
    quoted: '「{label}」',
    listSeparator: '、',
    listOr: 'または',

    // XLSX sheet names (at most 31 characters, none of : \ / ? * [ ])
    sheetSummary: '概要',
    sheetAnswers: '回答',
    sheetActions: '指摘事項',
    sheetEvidence: '証跡',
  },
  oscal: {
    colon: '：',
    answer: '回答',
    unanswered: '未回答',
    comment: 'コメント',
    justification: '理由',
    remediation: '改善計画',
    assessors: '点検者',
    scope: '対象範囲',
    dueDate: '期限',
    satisfied: '判定：満たしている',
    notSatisfied: '判定：満たしていない',
    noScope: '対象範囲の記載はありません。',
    noComment: 'コメントの記載はありません。',
    noRemediation: '改善計画の記載はありません。',
    noControls: '対象の管理策はありません。',
    poamTitle: '改善計画（POA&M）',
    noItemsTitle: '未対応の指摘事項はありません',
    noItemsText:
      'この文書の作成時点で「一部適合」または「不適合」と回答された管理策はありません。OSCAL の POA&M は項目を 1 件以上必要とするため、この項目はその旨を示すためだけのものです。',
    planTitle: '評価計画（独立した文書はありません）',
    planText:
      'Tenken は評価計画（OSCAL assessment-plan）を別の文書として作成しません。import-ap はこの項目を指し、対象範囲は結果の説明に、対象の管理策は reviewed-controls に記載しています。',
    noSsp:
      'Tenken はシステムセキュリティ計画（OSCAL SSP）を作成しないため、import-ssp はありません。system-id は点検 ID から導いた識別子です。',
    preparedFor: '点検の対象組織',
    evidenceFile: '証跡ファイル',
    unknownEvidence: 'ファイル情報のない証跡（SHA-256 のみ）',
    mapping:
      'Tenken {app} で作成。control-id は「<カタログ ID>-<管理策 ID>」で、OSCAL のトークンに使えない文字は「_<16 進コードポイント>_」、「_」は「__」と書き換えています。カタログ ID と管理策 ID の原文、回答値などは名前空間 {ns} の props にそのまま記録しています。',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Wording = Widen<typeof ja>;
