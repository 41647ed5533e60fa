import { isSignoffStep, SIGNOFF_STEPS, type Signoff, type SignoffEntry, type SignoffStep } from '../assessment/signoff';
import type { HistoryEntry } from './replay';

/**
 * The sign-off part of the history replay (replay.ts): `assessment.signoff` records the preparer or reviewer,
 * `assessment.approve` the approver (only of a final assessment), `assessment.reopen` withdraws the approval. Each
 * entry's old value names what it replaced, so a rewritten or dropped entry contradicts the next one.
 */

export type SignoffReplay = Record<SignoffStep, (SignoffEntry & { entry: HistoryEntry }) | null>;

export const emptySignoffReplay = (): SignoffReplay => ({ prepared: null, reviewed: null, approved: null });

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Folds one sign-off entry in; returns what contradicts (the entry is then refused), or null. */
export function applySignoffEntry(
  s: SignoffReplay,
  e: HistoryEntry,
  status: string,
): { field: string; expected: unknown; claimed: unknown } | null {
  const nv = obj(e.newValue);
  const ov = obj(e.oldValue);
  const step = e.action === 'assessment.approve' ? 'approved' : nv.step;
  if (!isSignoffStep(step) || (e.action === 'assessment.signoff' && step === 'approved'))
    return { field: 'step', expected: 'prepared | reviewed', claimed: nv.step };
  if (typeof nv.name !== 'string' || !nv.name.trim()) return { field: 'name', expected: 'a name', claimed: nv.name };
  if (step === 'approved' && status !== 'final') return { field: 'status', expected: 'final', claimed: status };
  const before = s[step];
  const claimedName = typeof ov.name === 'string' ? ov.name : null;
  if ((before?.name ?? null) !== claimedName)
    return { field: step, expected: before?.name ?? null, claimed: claimedName };
  s[step] = { name: nv.name, role: typeof nv.role === 'string' ? nv.role : '', at: e.at, entry: e };
  return null;
}

/** The first step where the stored sign-off is not what the history says. */
export function compareSignoff(
  s: SignoffReplay,
  stored: Signoff,
): { step: SignoffStep; field: string; expected: unknown; stored: unknown; entry: HistoryEntry | null } | null {
  for (const step of SIGNOFF_STEPS) {
    const want = s[step];
    const have = stored[step];
    if (!want && !have) continue;
    if (!want || !have)
      return {
        step,
        field: 'name',
        expected: want?.name ?? null,
        stored: have?.name ?? null,
        entry: want?.entry ?? null,
      };
    for (const field of ['name', 'role', 'at'] as const)
      if (want[field] !== have[field])
        return { step, field, expected: want[field], stored: have[field], entry: want.entry };
  }
  return null;
}
