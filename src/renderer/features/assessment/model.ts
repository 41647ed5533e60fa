import type { AnswerView, ControlView } from '../../../shared/api/types';

export type GroupStat = { controlId: string; title: ControlView['title']; answered: number; total: number };

/** The top-level node each control belongs to, for the group tree and its progress counts. */
export function topAncestors(controls: readonly ControlView[]): Map<string, string> {
  const parent = new Map(controls.map((c) => [c.controlId, c.parentId]));
  const top = new Map<string, string>();
  for (const c of controls) {
    let id = c.controlId;
    for (let p = parent.get(id); p; p = parent.get(id)) id = p;
    top.set(c.controlId, id);
  }
  return top;
}

export function groupStats(controls: readonly ControlView[], answers: ReadonlyMap<string, AnswerView>): GroupStat[] {
  const top = topAncestors(controls);
  const stats = new Map<string, GroupStat>();
  for (const c of controls)
    if (c.depth === 0) stats.set(c.controlId, { controlId: c.controlId, title: c.title, answered: 0, total: 0 });
  for (const c of controls) {
    if (!c.assessable) continue;
    const s = stats.get(top.get(c.controlId) ?? c.controlId);
    if (!s) continue;
    s.total++;
    if (answers.get(c.controlId)?.value) s.answered++;
  }
  return [...stats.values()];
}

/** Case- and width-insensitive match on ID and both titles (ＡＢＣ = abc, ｶﾀｶﾅ = カタカナ). */
export function matchesQuery(c: ControlView, query: string): boolean {
  const q = query.normalize('NFKC').toLowerCase().trim();
  if (!q) return true;
  return [c.controlId, c.title.ja, c.title.en].some((s) => s.normalize('NFKC').toLowerCase().includes(q));
}
