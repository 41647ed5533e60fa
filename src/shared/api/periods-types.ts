import type { PreviousAnswer } from './types';
import type { Localized } from './types';

/** What a carry forward (a new period from the previous assessment) did, kept with the new assessment for review. */
export type CarryForwardReport = {
  from: { id: string; name: string };
  at: string;
  actor: string;
  /** Catalogs as `id@version`, before and after (different where the new period uses a newer version). */
  catalogs: { from: string; to: string }[];
  /** Control keys whose answer was carried (each marked for review until confirmed). */
  carried: string[];
  /** Carried, but the control's text changed between the versions (the new version keeps the old IDs). */
  textChanged: string[];
  /** Not carried: the text changed (a new requirement), the control is gone, or the answer breaks the new scale. */
  notCarried: {
    controlKey: string;
    reason: 'textChanged' | 'removed' | 'rule';
    title: Localized | null;
    previous: PreviousAnswer;
  }[];
  /** Evidence files carried (links only to carried controls). */
  evidence: number;
};

/** An evidence file's validity: `stale` when past its date, or older than the assessment period. */
export type EvidenceValidityView = {
  evidenceId: string;
  fileName: string;
  validUntil: string | null;
  /** When the file was first added, to an earlier assessment it was carried from; null when added here. */
  firstAddedAt: string | null;
  controlKeys: string[];
  stale: { reason: 'expired' | 'beforePeriod'; date: string } | null;
};
