import type { CatalogDiagnostic } from '../diagnostics';
import { CatalogDocument, type CatalogNodeInput } from '../format';
import type { ImportResult } from '../import-types';
import { checkCatalogSemantics } from '../semantic';
import { columnLetter } from './columns';
import { ismapIdString, readIsmapSheets, type IsmapRecord, type SheetRows } from './ismap-sheet';
import { summarize } from './to-catalog';

/**
 * Preset `ismap`: a new version of the shipped `ismap` catalog at 詳細管理策 depth, built from the user's own copy
 * of the official 管理基準 workbook (read by ismap-sheet.ts) over the shipped version (`base`).
 *
 * - Every node of the base keeps its ID, place, assessable/mandatory/excludable flags, tags, guidance and evidence.
 *   A workbook row with the same ID (or, when the base has exactly one node of that number, the same number with
 *   another suffix: `6.3.1` for the shipped `6.3.1.P`) gives it its official Japanese title and text; where the base
 *   held only a placeholder (「名称未確認」) both languages take the official text, and the placeholder's notes go.
 * - Rows the base does not have are added under their parent by number (the suffix adds no level: `9.2.3.11.PB` is a
 *   詳細管理策 of `9.2.3`; `8.1.5.4.P` of `8.1.5.P`): 詳細管理策 (4桁, chapters 5–18) are selectable
 *   (mandatory: false) except 基本言明要件 (.B, .PB), which are mandatory while their 統制目標 is selected and cannot be
 *   excluded on their own (excluding the 統制目標, with its reason, excludes them); governance (3.x) and management
 *   (4.x) items are mandatory and inherit `excludable: false` from their chapter.
 * - A base control that gains children stays assessable (its answer carries forward).
 * - ISMAP-LIU: when the workbook marks rows in an LIU column, the 詳細管理策 not marked get `profiles: [ismap]`, so
 *   the ismap-liu profile narrows to the marked ones (統制目標 and the governance and management criteria stay: the
 *   statement covers them all). Without marks nothing is narrowed, and the summary and the catalog say so.
 * - The result declares `keeps_ids_of: <base version>`: upgrading an assessment from the base carries every answer,
 *   those whose text changed marked for review (core/catalog/carry-forward.ts).
 *
 * Errors (located: sheet, row, column): no criteria sheet with a header, duplicate IDs, unknown suffixes, unreadable
 * IDs, IDs outside chapters 3–18, a 詳細管理策 whose 統制目標 is neither in the workbook nor in the base.
 */

export type IsmapCounts = {
  chapters: number;
  governance: number;
  management: number;
  groups: number;
  objectives: number;
  detailed: number;
  basic: number;
  liuMarked: number;
};
export type IsmapPresetSummary = {
  base: string;
  version: string;
  sheets: { name: string; headerRow: number | null; skipped: boolean; liuColumn: boolean; counts: IsmapCounts }[];
  totals: IsmapCounts;
  /** narrowed: the ismap-liu profile lists the marked 詳細管理策; noMarks: an LIU column without marks; noColumn. */
  liu: 'narrowed' | 'noMarks' | 'noColumn';
  /** Base nodes that got their text from the workbook / of those, placeholders that got a real title. */
  matched: number;
  filledPlaceholders: number;
  /** Placeholders of the base that the workbook does not have (they keep 「名称未確認」). */
  placeholdersLeft: string[];
  /** Assessable base controls the workbook does not have (kept with Tenken's text). */
  missingFromWorkbook: string[];
  added: number;
};
export type IsmapPresetResult = ImportResult & { summary: IsmapPresetSummary | null };
export type IsmapPresetOptions = {
  version?: string | undefined;
  sourceName?: string | undefined;
  today?: string | undefined;
};

const zero = (): IsmapCounts => ({
  chapters: 0,
  governance: 0,
  management: 0,
  groups: 0,
  objectives: 0,
  detailed: 0,
  basic: 0,
  liuMarked: 0,
});
const isPlaceholder = (n: CatalogNodeInput) =>
  n.title.ja.includes('名称未確認') || /title unverified/i.test(n.title.en);
const stemKey = (stem: readonly number[], length = stem.length) => stem.slice(0, length).join('.');
const parseNodeId = (id: string): { stem: number[]; suffix: string } | null => {
  const m = /^(\d+(?:\.\d+)*)(?:\.([A-Z]{1,3}))?$/.exec(id);
  return m ? { stem: (m[1] as string).split('.').map(Number), suffix: m[2] ?? '' } : null;
};

function countOf(rec: IsmapRecord, c: IsmapCounts): void {
  const [chapter = 0] = rec.stem;
  const depth = rec.stem.length;
  if (depth === 1) c.chapters++;
  else if (chapter === 3) c.governance++;
  else if (chapter === 4) c.management++;
  else if (depth === 2) c.groups++;
  else if (depth === 3) c.objectives++;
  else {
    c.detailed++;
    if (rec.suffix.includes('B')) c.basic++;
  }
  if (rec.liu) c.liuMarked++;
}

/** Official title and text from a record's texts: a short first text is the title, a long one is summarised. */
function officialText(texts: readonly string[]): { title: string; description: string } | null {
  if (!texts.length) return null;
  const [firstText, ...rest] = texts as [string, ...string[]];
  const short = !firstText.includes('\n') && Array.from(firstText).length <= 80;
  if (short) return { title: firstText, description: rest.join('\n') };
  return { title: summarize(firstText), description: texts.join('\n') };
}

const at = (r: IsmapRecord) => ({
  path: `${r.sheet}!${columnLetter(r.column - 1)}${r.line}`,
  line: r.line,
  column: r.column,
});
const where = (r: IsmapRecord) => ({ sheet: r.sheet, line: r.line, column: columnLetter(r.column - 1) });

export function buildIsmapCatalog(
  sheets: readonly SheetRows[],
  base: CatalogDocument,
  options: IsmapPresetOptions = {},
): IsmapPresetResult {
  const read = readIsmapSheets(sheets);
  const errors: CatalogDiagnostic[] = [...read.errors];
  const warnings: CatalogDiagnostic[] = [...read.warnings];
  const version = options.version ?? `${base.version}-official`;

  const usable = read.sheets.filter((s) => !s.skipped);
  if (!usable.length || !read.records.length) {
    if (!errors.length)
      errors.push({
        severity: 'error',
        key: 'ismapNoCriteria',
        params: { sheets: read.sheets.map((s) => s.name).join(', ') || '—' },
        path: '(root)',
      });
    return { ok: false, errors, warnings, summary: null };
  }

  // The base, copied, indexed by ID and by number.
  const doc = JSON.parse(JSON.stringify(base)) as CatalogDocument;
  const nodes = new Map<string, CatalogNodeInput>();
  const parentOf = new Map<string, string | null>();
  const byStem = new Map<string, string[]>();
  const index = (n: CatalogNodeInput, parent: string | null) => {
    nodes.set(n.id, n);
    parentOf.set(n.id, parent);
    const p = parseNodeId(n.id);
    if (p) byStem.set(stemKey(p.stem), [...(byStem.get(stemKey(p.stem)) ?? []), n.id]);
  };
  const walk = (items: readonly CatalogNodeInput[], parent: string | null) => {
    for (const n of items) {
      index(n, parent);
      if (n.items) walk(n.items, n.id);
    }
  };
  walk(doc.items, null);
  const baseIds = new Set(nodes.keys());
  const baseAssessable = new Set([...nodes.values()].filter((n) => n.assessable ?? !n.items?.length).map((n) => n.id));

  // A sheet none of whose IDs is in chapters 3–18 is not criteria (改訂履歴 | No. | 改訂内容): skipped, not an error.
  const inRange = (r: IsmapRecord) => (r.stem[0] as number) >= 3 && (r.stem[0] as number) <= 18;
  const notCriteria = new Set(
    read.sheets
      .filter((s) => !s.skipped && !read.records.some((r) => r.sheet === s.name && inRange(r)))
      .map((s) => s.name),
  );
  for (const name of notCriteria) {
    warnings.push({ severity: 'warning', key: 'ismapSheetNotCriteria', params: { sheet: name }, path: name });
    const info = read.sheets.find((s) => s.name === name);
    if (info) info.skipped = true;
  }
  if (!read.records.some((r) => !notCriteria.has(r.sheet))) {
    errors.push({
      severity: 'error',
      key: 'ismapNoCriteria',
      params: { sheets: read.sheets.map((s) => s.name).join(', ') || '—' },
      path: '(root)',
    });
    return { ok: false, errors, warnings, summary: null };
  }

  // Duplicates (after normalisation) anywhere in the workbook.
  const firstOf = new Map<string, IsmapRecord>();
  const records: IsmapRecord[] = [];
  for (const r of read.records) {
    if (notCriteria.has(r.sheet)) continue;
    const seen = firstOf.get(r.id);
    if (seen) {
      errors.push({
        severity: 'error',
        key: 'ismapDuplicateId',
        params: { id: r.id, ...where(r), firstSheet: seen.sheet, first: seen.line },
        ...at(r),
      });
      continue;
    }
    const [chapter = 0] = r.stem;
    if (chapter < 3 || chapter > 18) {
      errors.push({ severity: 'error', key: 'ismapChapterUnknown', params: { id: r.id, ...where(r) }, ...at(r) });
      continue;
    }
    firstOf.set(r.id, r);
    records.push(r);
  }

  // Which base node each record fills: same ID, else the only base node of that number.
  const target = new Map<IsmapRecord, string>();
  const claimed = new Set(records.map((r) => r.id).filter((id) => baseIds.has(id)));
  for (const r of records) {
    if (baseIds.has(r.id)) target.set(r, r.id);
    else {
      const same = (byStem.get(stemKey(r.stem)) ?? []).filter((id) => baseIds.has(id) && !claimed.has(id));
      if (same.length === 1) {
        const id = same[0] as string;
        claimed.add(id);
        target.set(r, id);
        warnings.push({
          severity: 'warning',
          key: 'ismapIdMatched',
          params: { id: r.id, shipped: id, ...where(r) },
          ...at(r),
        });
      }
    }
  }

  // Fill texts.
  let matched = 0;
  let filledPlaceholders = 0;
  let copiedEn = 0;
  for (const [r, id] of target) {
    const n = nodes.get(id) as CatalogNodeInput;
    const text = officialText(r.texts);
    if (!text) continue;
    matched++;
    if (isPlaceholder(n)) {
      filledPlaceholders++;
      copiedEn++;
      n.title = { ja: text.title, en: text.title };
      if (text.description) n.description = { ja: text.description, en: text.description };
      else delete n.description;
      delete n.unverified;
      delete n.guidance;
    } else {
      n.title = { ja: text.title, en: n.title.en };
      if (text.description)
        n.description = {
          ...(n.description ?? {}),
          ja: text.description,
          ...(n.description?.en ? {} : { en: text.description }),
        };
    }
  }

  // New nodes, in workbook order, under their parent by number.
  const chapterOf = (r: IsmapRecord) => r.stem[0] as number;
  const liuColumn = read.sheets.some((s) => s.liuColumn);
  // LIU narrows the 詳細管理策 (the audit subset is defined at that level); marks on other rows are only counted.
  const narrowed = records.some((r) => r.liu === true && chapterOf(r) >= 5 && r.stem.length >= 4);
  let added = 0;
  const addedDetailed: CatalogNodeInput[] = [];
  const findParent = (r: IsmapRecord): string | null => {
    for (let k = r.stem.length - 1; k >= 1; k--) {
      const ids = byStem.get(stemKey(r.stem, k)) ?? [];
      if (!ids.length) {
        // A 詳細管理策 needs its 統制目標.
        if (chapterOf(r) >= 5 && r.stem.length >= 4 && k === 3) return null;
        continue;
      }
      const pick =
        ids.find((id) => parseNodeId(id)?.suffix === r.suffix) ??
        ids.find((id) => parseNodeId(id)?.suffix === '') ??
        ids.find((id) => r.suffix.includes(parseNodeId(id)?.suffix ?? '-')) ??
        (ids[0] as string);
      return pick;
    }
    return null;
  };
  for (const r of records) {
    if (target.has(r)) continue;
    const parentId = findParent(r);
    if (parentId === null) {
      const chapter = chapterOf(r);
      const key = chapter >= 5 && r.stem.length >= 4 ? 'ismapParentMissing' : 'ismapParentMissingAny';
      errors.push({
        severity: 'error',
        key,
        params: {
          id: r.id,
          parent: stemKey(r.stem, Math.min(3, r.stem.length - 1)),
          base: `${base.id}@${base.version}`,
          ...where(r),
        },
        ...at(r),
      });
      continue;
    }
    const parent = nodes.get(parentId) as CatalogNodeInput;
    const text = officialText(r.texts);
    const title = text?.title || ismapIdString(r.stem, r.suffix);
    copiedEn++;
    const chapter = chapterOf(r);
    const node: CatalogNodeInput = { id: r.id, title: { ja: title, en: title } };
    if (text?.description) node.description = { ja: text.description, en: text.description };
    if (chapter >= 5) {
      const detailed = r.stem.length >= 4;
      const basic = detailed && r.suffix.includes('B');
      node.mandatory = detailed ? basic : true;
      if (basic) node.excludable = false;
      node.tags = [
        'control-criteria',
        ...(r.suffix.includes('P') ? ['cloud'] : []),
        ...(basic ? ['basic-statement'] : []),
      ];
      if (detailed && narrowed && r.liu !== true) node.profiles = ['ismap'];
      if (detailed) addedDetailed.push(node);
      if (r.stem.length === 2) node.assessable = false;
    } else {
      node.mandatory = true;
      node.tags = [chapter === 3 ? 'governance' : 'management'];
    }
    if (!text) warnings.push({ severity: 'warning', key: 'ismapNoText', params: { id: r.id, ...where(r) }, ...at(r) });
    (parent.items ??= []).push(node);
    index(node, parentId);
    added++;
  }

  // Base controls that gained children stay assessable; new nodes with children are groups unless they have text.
  for (const n of nodes.values()) {
    if (!n.items?.length) continue;
    if (baseAssessable.has(n.id)) n.assessable = true;
    else if (!baseIds.has(n.id) && n.assessable === undefined) {
      const p = parseNodeId(n.id);
      n.assessable = p !== null && (p.stem[0] as number) >= 5 ? p.stem.length === 3 : n.description !== undefined;
    }
  }
  if (errors.length) return { ok: false, errors, warnings, summary: null };

  // What the workbook had, per sheet.
  const totals = zero();
  const perSheet = read.sheets.map((s) => ({ ...s, counts: zero() }));
  for (const r of records) {
    countOf(r, totals);
    const s = perSheet.find((x) => x.name === r.sheet);
    if (s) countOf(r, s.counts);
  }
  const inWorkbook = new Set(target.values());
  const missingFromWorkbook = [...baseAssessable].filter((id) => !inWorkbook.has(id));
  const placeholdersLeft = [...nodes.values()].filter((n) => baseIds.has(n.id) && isPlaceholder(n)).map((n) => n.id);
  const liu: IsmapPresetSummary['liu'] = narrowed ? 'narrowed' : liuColumn ? 'noMarks' : 'noColumn';
  if (missingFromWorkbook.length)
    warnings.push({
      severity: 'warning',
      key: 'ismapShippedMissing',
      params: {
        count: missingFromWorkbook.length,
        ids: missingFromWorkbook.slice(0, 12).join(', ') + (missingFromWorkbook.length > 12 ? ' …' : ''),
        base: `${base.id}@${base.version}`,
      },
      path: '(root)',
    });
  if (liu !== 'narrowed')
    warnings.push({
      severity: 'warning',
      key: liu === 'noMarks' ? 'ismapLiuNoMarks' : 'ismapLiuNoColumn',
      params: {},
      path: '(root)',
    });
  if (copiedEn)
    warnings.push({
      severity: 'warning',
      key: 'missingTranslationFile',
      params: { missing: 'en', count: copiedEn },
      path: '(root)',
    });

  // The catalog's own record of what it is.
  const source = options.sourceName ? `「${options.sourceName}」` : '';
  const sourceEn = options.sourceName ? `"${options.sourceName}"` : 'the workbook';
  const liuMarked = addedDetailed.filter((n) => !n.profiles).length;
  doc.version = version;
  doc.keeps_ids_of = base.version;
  doc.text_kind = 'mixed';
  doc.title = {
    ja: `${base.short_title?.ja ?? base.title.ja}（公式 Excel から取り込み・${version}）`,
    en: `${base.short_title?.en ?? base.title.en} (from the official workbook, ${version})`,
  };
  doc.licence_note = {
    ja: `日本語の名称・本文のうち利用者の Excel ${source}にあった ${matched + added} 件は、利用者が入手した公式の ISMAP 管理基準の写しから取り込んだもので、その利用条件は利用者と公式文書の定めに従う（点検は同梱しない）。英語の名称・本文、確認の観点、証跡例、およびこの Excel に無かった項目の文は、点検（Tenken）が独自に書いた要約（${base.id}@${base.version}）。`,
    en: `The Japanese titles and texts of the ${matched + added} items found in the user's workbook ${sourceEn} come from the user's copy of the official ISMAP Control Criteria; their terms of use are those of the official document and the user (Tenken does not ship them). English titles and texts, review points, typical evidence, and the text of items not in the workbook are Tenken's own summaries (${base.id}@${base.version}).`,
  };
  doc.description = {
    ja: `${base.id}@${base.version} の ID・構成をそのまま保ち、利用者の公式 Excel から詳細管理策（${totals.detailed} 件、うち基本言明要件 ${totals.basic} 件）と、ガバナンス基準・マネジメント基準の項目の名称・本文を補った版。詳細管理策は統制目標の下の選択項目で、基本言明要件（.B／.PB）は統制目標を選択した場合に必須。統制目標を除外する場合は理由が必要で、その詳細管理策も除外される。ガバナンス基準とマネジメント基準は除外できない。`,
    en: `Keeps the IDs and structure of ${base.id}@${base.version} and adds, from the user's official workbook, the detailed controls (${totals.detailed}, of which ${totals.basic} basic statement requirements) and the titles and texts of the governance and management items. Detailed controls are selectable items under their control objective; basic statement requirements (.B/.PB) are mandatory while their objective is selected. Excluding a control objective needs a reason and excludes its detailed controls. Governance and management criteria cannot be excluded.`,
  };
  doc.unverified = [
    `公式の文言は利用者の Excel${source}の写しで、点検は公表版と照合していない。Excel の読み取り（見出し・シートの認識）は点検の解釈であり、取込み時に表示した件数で確認すること。 / The official wording is the user's copy (${sourceEn}); Tenken has not compared it with the published criteria. How the workbook was read (headers, sheets) is Tenken's interpretation: check the counts shown at import.`,
    `英語の名称・本文が無い項目（${copiedEn} 件）は日本語の文をそのまま入れている。 / Items without English text (${copiedEn}) show the Japanese text in English too.`,
    liu === 'narrowed'
      ? `ISMAP-LIU: Excel の LIU 列で印の付いた詳細管理策 ${liuMarked} 件に絞り込んでいる（統制目標・ガバナンス基準・マネジメント基準は絞り込まない）。 / ISMAP-LIU: narrowed to the ${liuMarked} detailed controls marked in the workbook's LIU column (control objectives and the governance and management criteria are not narrowed).`
      : `ISMAP-LIU: Excel に LIU の印が無い（${liu === 'noMarks' ? '列はあるが詳細管理策に印が無い' : '列が無い'}）ため、プロファイル ismap-liu は絞り込んでいない。 / ISMAP-LIU: the workbook marks no LIU items (${liu === 'noMarks' ? 'the column marks no detailed control' : 'no LIU column'}), so the ismap-liu profile is not narrowed.`,
    ...(missingFromWorkbook.length
      ? [
          `Excel に無かった ${base.id}@${base.version} の項目（${missingFromWorkbook.length} 件）は点検の文のまま残している: ${missingFromWorkbook.join(', ')} / ${missingFromWorkbook.length} items of ${base.id}@${base.version} not in the workbook keep Tenken's text.`,
        ]
      : []),
    ...(base.unverified?.length
      ? [
          `以下の [${base.id}@${base.version}] の注記は同梱版についてのもの。Excel から補った名称・本文・詳細管理策・LIU については上の注記が優先する。 / The notes marked [${base.id}@${base.version}] are about the shipped version; for the titles, texts, detailed controls and LIU filled in from the workbook, the notes above take precedence.`,
        ]
      : []),
    ...(base.unverified ?? []).map((u) => `[${base.id}@${base.version}] ${u}`),
  ];
  if (!doc.tags?.some((t) => t.id === 'basic-statement'))
    doc.tags = [
      ...(doc.tags ?? []),
      { id: 'basic-statement', label: { ja: '基本言明要件', en: 'Basic statement requirement' } },
    ];
  doc.profiles = (doc.profiles ?? []).map((p) =>
    p.id !== 'ismap-liu'
      ? p
      : {
          ...p,
          description:
            liu === 'narrowed'
              ? {
                  ja: `低影響の業務・情報で使う SaaS 向け。Excel で LIU の印が付いた詳細管理策 ${liuMarked} 件と、すべての統制目標・ガバナンス基準・マネジメント基準が対象。`,
                  en: `For SaaS used for low-impact work and information: the ${liuMarked} detailed controls marked LIU in the workbook, and every control objective and governance and management item.`,
                }
              : {
                  ja: '低影響の業務・情報で使う SaaS 向け。取り込んだ Excel に LIU の印が無いため、項目を絞り込んでいない（全項目が対象）。',
                  en: 'For SaaS used for low-impact work and information. The imported workbook marks no LIU items, so nothing is narrowed (every item applies).',
                },
        },
  );

  const summary: IsmapPresetSummary = {
    base: `${base.id}@${base.version}`,
    version,
    sheets: perSheet.map((s) => ({
      name: s.name,
      headerRow: s.headerRow,
      skipped: s.skipped,
      liuColumn: s.liuColumn,
      counts: s.counts,
    })),
    totals,
    liu,
    matched,
    filledPlaceholders,
    placeholdersLeft,
    missingFromWorkbook,
    added,
  };

  const parsed = CatalogDocument.safeParse(doc);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.slice(0, 20).map((i) => ({
        severity: 'error' as const,
        key: 'schemaInvalid',
        params: { detail: `${i.path.join('.')}: ${i.message}` },
        path: '(root)',
      })),
      warnings,
      summary,
    };
  }
  for (const d of checkCatalogSemantics(parsed.data)) (d.severity === 'error' ? errors : warnings).push(d);
  return errors.length ? { ok: false, errors, warnings, summary } : { ok: true, doc: parsed.data, warnings, summary };
}
