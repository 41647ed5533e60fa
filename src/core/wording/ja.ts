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
    overallComment: '総評',
    noOverallComment: '総評の記載はありません。',

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
    severity: '重大度',
    severityHigh: '高',
    severityMedium: '中',
    severityLow: '低',
    noControls: '対象の管理策はありません。',

    // Findings
    findings: '指摘事項と改善計画',
    // {answers}: the catalog's own labels of those answers, quoted and listed (quoted, listSeparator, listOr below);
    // the …Neutral wording is for a scale without such answers.
    findingsNote:
      '{answers}と回答した管理策を、重大度の高い順（未設定は最後）、同じ重大度の中では改善期限の早い順に示します（期限未設定は末尾）。',
    findingsNoteNeutral:
      '要求事項を満たしていない、または一部のみ満たすと回答した管理策を、重大度の高い順（未設定は最後）、同じ重大度の中では改善期限の早い順に示します（期限未設定は末尾）。',
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
    sheetCcw: '代替コントロール',
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

  /** The PCI DSS attestation-style summary page (only for PCI DSS catalogs): Tenken's own layout and words. */
  pciSummary: {
    title: 'PCI DSS 評価結果の要約',
    intro:
      'この要約は点検（Tenken）が評価の回答から作成したもので、PCI SSC の様式（AOC）ではありません。提出が求められる様式には、公式の文書を使ってください。',
    entity: '評価を受けた事業者',
    scope: '評価の対象範囲',
    assessmentType: '評価の種類',
    fullAssessment: '全要件の評価（SAQ を使わない）',
    saqType: 'SAQ：{label}（{id}）',
    period: '評価期間',
    reportDate: 'この要約の作成日',
    status: '評価の状態',
    overall: '全体の結果',
    overallNotInPlace: '満たしていない要件がある',
    overallOpen: '回答が終わっていない要件がある',
    overallNotTested: 'テストしていない項目を含む要件がある（ほかは満たしているか該当なし）',
    overallInPlace: '対象の要件はすべて満たしているか該当なし',
    overallEmpty: '対象の要件がない',
    byRequirement: '要件ごとの結果',
    requirement: '要件',
    inPlace: '満たす',
    ccw: 'うち代替',
    notInPlace: '満たさない',
    notApplicable: '該当なし',
    notTested: '未テスト',
    unanswered: '未回答',
    result: '要件の結果',
    resultInPlace: '満たしている',
    resultNotInPlace: '満たしていない',
    resultNotApplicable: '該当なし',
    resultNotTested: '一部未テスト',
    resultOpen: '回答途中',
    resultOutOfScope: '評価の対象外',
    rule: '要件の結果は、その要件の下で評価の対象となった項目から次の順に決めています。満たさない（一部適合を含む）が1件でもあれば「満たしていない」、未回答があれば「回答途中」、すべて該当なしなら「該当なし」、未テストがあれば「一部未テスト」、それ以外は「満たしている」。SAQ で対象にならない要件は「評価の対象外」です。',
    compensating: '代替コントロールを使った項目',
    noCompensating: '代替コントロールを使った項目はありません。',
    customized: 'カスタマイズドアプローチで満たした項目',
    noCustomized: 'カスタマイズドアプローチで満たした項目はありません。',
    customizedNotOffered: 'このカタログはカスタマイズドアプローチを扱いません。',
    controlId: '項目',
    controlTitle: '内容',
    answer: '回答',
    justification: '理由・代替の内容',
    missingJustification: '（理由が未記入）',
    signatory: '確認と署名',
    signatoryNote: 'この要約の内容が評価の回答と一致していることを確認したうえで、署名してください。',
    signName: '氏名',
    signTitle: '役職',
    signDate: '日付',
    signature: '署名',
    worksheets: '代替コントロールワークシート',
    worksheetsIntro:
      '代替コントロールで適合と回答した項目ごとに、記入されたワークシートの内容を示します。欄の名前は点検（Tenken）独自の短い表記で、PCI SSC の様式の文言ではありません。',
    worksheetEmpty: '（未記入）',
    ccwConstraints: '制約',
    ccwObjective: '本来の目的',
    ccwRisk: '特定したリスク',
    ccwDefinition: '代替コントロールの内容',
    ccwValidation: '検証方法',
    ccwMaintenance: '維持方法',
  },
  /** The ISMAP statement of applicability (only for ISMAP catalogs). */
  ismapSoa: {
    title: 'ISMAP 適用宣言（統制目標の選択と除外）',
    intro:
      '管理策基準の統制目標ごとに、この評価で選択したか除外したかと、除外の理由、選択した詳細管理策を示します。点検（Tenken）が回答から作成した一覧で、ISMAP の公式の様式ではありません。',
    mandatoryNote:
      'ガバナンス基準（第3章）とマネジメント基準（第4章）は除外できないため、この一覧には含めていません（すべて適用）。',
    totals: '選択 {selected} 件・除外 {excluded} 件（統制目標 {total} 件）',
    objective: '統制目標',
    title2: '内容',
    decision: '選択／除外',
    selected: '選択',
    excluded: '除外',
    answer: '回答',
    reason: '除外の理由',
    missingReason: '（除外の理由が未記入）',
    detailed: '選択した詳細管理策',
    detailedNone: '—',
    detailedNotInCatalog:
      'このカタログには詳細管理策が含まれていません。詳細管理策まで示すには、公式の管理基準（Excel）をカタログ取込み（プリセット ismap）で取り込み、その版で評価してください。',
    notChosen: '選ばなかったもの：{ids}',
    undecided: '未回答：{ids}',
    excludedWithObjective: '統制目標とともに除外',
    unanswered: '未回答',
  },
  /** The one snapshot every format of a report is made from. */
  snapshot: {
    id: 'スナップショット ID',
    sha256: 'スナップショットの SHA-256',
    note: 'PDF・XLSX・CSV・結果 JSON・OSCAL は、この ID のひとつのスナップショット（回答・証跡・履歴をある時点で固定したもの）から作成しています。SHA-256 は結果 JSON から snapshot 欄を除いた正規化 JSON の値で、どの形式からも照合できます。',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Wording = Widen<typeof ja>;
