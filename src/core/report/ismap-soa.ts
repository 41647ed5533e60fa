import { excludedByAncestor } from '../assessment/exclusion-rule';
import type { AssessmentPartRecord, Localized } from '../assessment/records';
import type { AnswerMeaning } from '../catalog/format';
import { en } from '../wording/en';
import { ja, type Wording } from '../wording/ja';
import { fillLabel, type ReportLanguage } from './labels';

/**
 * The ISMAP statement of applicability, as data (pure): every 統制目標 (control objective) of the 管理策基準
 * (chapters 5–18, three-number IDs such as 5.1.1 and the cloud-specific 6.3.1.P) listed as selected or excluded,
 * with the reason of an exclusion (the answer's justification), and the 詳細管理策 (detailed controls) chosen under
 * it. Works for the shipped catalog (no 詳細管理策: the page says so) and for the detailed version built by the ISMAP
 * XLSX preset (詳細管理策 as children of their 統制目標, 基本言明要件 .B/.PB mandatory).
 *
 * Decisions, from the answers (see exclusion-rule.ts):
 * - A 統制目標 is excluded when it is answered with a not_applicable value (ISMAP: 除外) or lies under a node that
 *   is; otherwise it is selected (統制目標 are mandatory in principle, so an unanswered one is selected, not yet
 *   answered).
 * - Under a selected 統制目標, a 詳細管理策 is chosen when answered with anything but not_applicable, or when it is
 *   mandatory (基本言明要件) and not answered yet; one answered not_applicable is not chosen; an optional one not yet
 *   answered is listed as unanswered. Under an excluded 統制目標 every 詳細管理策 goes with it.
 *
 * Only for ISMAP catalogs (catalog id `ismap`, any version). 第3章 and 第4章 cannot be excluded and are not listed.
 */

export type IsmapWording = Wording['ismapSoa'];
export const ISMAP_WORDING: Readonly<Record<ReportLanguage, IsmapWording>> = { ja: ja.ismapSoa, en: en.ismapSoa };

export const isIsmapCatalog = (catalogId: string): boolean => catalogId === 'ismap';

/** A 統制目標 of the 管理策基準: chapter 5–18, three numbers, optionally the cloud suffix .P. */
const OBJECTIVE = /^(\d+)\.\d+\.\d+(?:\.P)?$/;
export const isIsmapObjective = (controlId: string): boolean => {
  const m = OBJECTIVE.exec(controlId);
  return m !== null && Number(m[1]) >= 5 && Number(m[1]) <= 18;
};

export type IsmapObjectiveRow = {
  controlId: string;
  title: string;
  excluded: boolean;
  decision: string;
  answer: string;
  /** The exclusion's reason ('' for a selected objective). */
  reason: string;
  missingReason: boolean;
  /** null when the catalog has no 詳細管理策 under this objective. */
  detailed: { chosen: string[]; notChosen: string[]; unanswered: string[]; withObjective: boolean } | null;
};

export type IsmapSoa = {
  wording: IsmapWording;
  totals: string;
  selected: number;
  excluded: number;
  /** False for the shipped catalog: no 詳細管理策 anywhere (the page says how to get them). */
  hasDetailed: boolean;
  objectives: IsmapObjectiveRow[];
};

export function ismapSoa(detail: AssessmentPartRecord, lang: ReportLanguage): IsmapSoa {
  const W = ISMAP_WORDING[lang];
  const loc = (t: Localized) => t[lang] || t.ja || t.en;
  const scale = new Map(detail.answerScale.map((s) => [s.value, s]));
  const answers = new Map(detail.answers.map((a) => [a.controlId, a]));
  const meaningOf = (id: string): AnswerMeaning | null => {
    const v = answers.get(id)?.value ?? null;
    return v === null ? null : (scale.get(v)?.meaning ?? 'unknown');
  };
  const labelOf = (id: string): string => {
    const v = answers.get(id)?.value ?? null;
    if (v === null) return W.unanswered;
    const s = scale.get(v);
    return s ? loc(s.label) : v;
  };
  const underExcluded = excludedByAncestor(detail.controls, meaningOf);
  const children = new Map<string, string[]>();
  for (const c of detail.controls)
    if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.controlId]);
  const byId = new Map(detail.controls.map((c) => [c.controlId, c]));
  const descendants = (id: string): string[] =>
    (children.get(id) ?? []).flatMap((child) => [child, ...descendants(child)]);

  const objectives = detail.controls
    .filter((c) => c.applicable && isIsmapObjective(c.controlId))
    .map((c): IsmapObjectiveRow => {
      const excluded = meaningOf(c.controlId) === 'not_applicable' || underExcluded.has(c.controlId);
      const reason = excluded ? (answers.get(c.controlId)?.justification ?? '').trim() : '';
      const below = descendants(c.controlId)
        .map((id) => byId.get(id))
        .filter((d): d is NonNullable<typeof d> => d !== undefined && d.assessable && d.applicable);
      let detailed: IsmapObjectiveRow['detailed'] = null;
      if (below.length) {
        const m = (id: string) => meaningOf(id);
        detailed = excluded
          ? { chosen: [], notChosen: [], unanswered: [], withObjective: true }
          : {
              chosen: below
                .filter(
                  (d) =>
                    (m(d.controlId) !== null && m(d.controlId) !== 'not_applicable') ||
                    (m(d.controlId) === null && d.mandatory),
                )
                .map((d) => d.controlId),
              notChosen: below.filter((d) => m(d.controlId) === 'not_applicable').map((d) => d.controlId),
              unanswered: below.filter((d) => m(d.controlId) === null && !d.mandatory).map((d) => d.controlId),
              withObjective: false,
            };
      }
      return {
        controlId: c.controlId,
        title: loc(c.title),
        excluded,
        decision: excluded ? W.excluded : W.selected,
        answer: labelOf(c.controlId),
        reason: excluded ? reason || W.missingReason : '',
        missingReason: excluded && !reason,
        detailed,
      };
    });
  const excludedCount = objectives.filter((o) => o.excluded).length;
  const selected = objectives.length - excludedCount;
  return {
    wording: W,
    totals: fillLabel(W.totals, { selected, excluded: excludedCount, total: objectives.length }),
    selected,
    excluded: excludedCount,
    hasDetailed: objectives.some((o) => o.detailed !== null),
    objectives,
  };
}
