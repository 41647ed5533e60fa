import type { AnswerValue } from '../../../core/catalog/format';
import type { AnswerView, ControlView } from '../../../shared/api/types';
import { matchesQuery } from './model';

export type Filter = 'all' | 'unanswered' | 'notCompliant' | 'marked' | 'withEvidence' | 'withoutEvidence';
export const FILTERS: Filter[] = ['all', 'unanswered', 'notCompliant', 'marked', 'withEvidence', 'withoutEvidence'];

export type FilterState = { filter: Filter; tag: string | null; query: string; group: string | null };

/** How many evidence files back each control, from the assessment's evidence list. */
export function evidenceCounts(
  evidence: readonly { controlKeys: readonly string[] }[],
  idOf: (key: string) => string | null = (k) => k,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of evidence)
    for (const key of e.controlKeys) {
      const id = idOf(key);
      if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  return counts;
}

/** Which controls the list shows: headings stay (for context) only when nothing narrows the list. */
export function visibleControls(
  controls: readonly ControlView[],
  answers: ReadonlyMap<string, AnswerView>,
  scale: ReadonlyMap<string, AnswerValue>,
  tops: ReadonlyMap<string, string>,
  evidence: ReadonlyMap<string, number>,
  f: FilterState,
): ControlView[] {
  const narrowing = f.filter !== 'all' || f.tag !== null || f.query.trim() !== '';
  const shown = controls.filter((c) => {
    if (!c.applicable) return false;
    if (f.group !== null && tops.get(c.controlId) !== f.group) return false;
    if (!c.assessable) return !narrowing;
    if (f.tag !== null && !c.tags.includes(f.tag)) return false;
    if (!matchesQuery(c, f.query)) return false;
    const a = answers.get(c.controlId);
    const meaning = a?.value ? scale.get(a.value)?.meaning : undefined;
    switch (f.filter) {
      case 'unanswered':
        return !a?.value;
      case 'notCompliant':
        return meaning === 'noncompliant' || meaning === 'partial';
      case 'marked':
        return a?.markedForReview === true;
      case 'withEvidence':
        return (evidence.get(c.controlId) ?? 0) > 0;
      case 'withoutEvidence':
        return (evidence.get(c.controlId) ?? 0) === 0;
      default:
        return true;
    }
  });
  // A heading stays only above something shown (e.g. a section with nothing for the chosen profile disappears).
  const parent = new Map(controls.map((c) => [c.controlId, c.parentId]));
  const needed = new Set<string>();
  for (const c of shown)
    if (c.assessable) for (let p = c.parentId; p && !needed.has(p); p = parent.get(p) ?? null) needed.add(p);
  return shown.filter((c) => c.assessable || needed.has(c.controlId));
}
