import type { AnswerValue, LocalizedText } from '../catalog/format';
import type { AnswerFields } from './answer-fields';

/**
 * The assessment's records as the core reads them (reports, OSCAL, results JSON). The API's views in src/shared
 * are built on these, never the reverse. Names: `controlId` is a control's ID in its catalog; `controlKey` names a
 * control across the assessment (its ID in the first catalog, `<catalog-id>:<control-id>` in another, see
 * control-key.ts).
 */

export type Localized = LocalizedText;
export type PartialLocalized = { ja?: string | undefined; en?: string | undefined };
export type AssessmentStatus = 'draft' | 'in_review' | 'final';

export type ControlRecord = {
  controlId: string;
  parentId: string | null;
  depth: number;
  assessable: boolean;
  mandatory: boolean;
  title: Localized;
  description: PartialLocalized | null;
  guidance: PartialLocalized | null;
  /** What to ask of or confirm with the provider, for catalogs written for a service's user (catalog field provider_guidance). */
  providerGuidance: PartialLocalized | null;
  evidence: { ja: string[]; en: string[] } | null;
  tags: string[];
  unverified: string | null;
  /** Whether the control applies under the assessment's profile (non-applicable ones are hidden and not counted). */
  applicable: boolean;
  weight: number | null;
  /** Whether the catalog lets this control be excluded (answered with a not_applicable value); see exclusion-rule.ts. */
  excludable: boolean;
};

export type AnswerRecord = AnswerFields & {
  controlId: string;
  controlKey: string;
  updatedAt: string;
  updatedBy: string;
  revision: number;
};

export type EvidenceRecord = {
  id: string;
  fileName: string;
  sha256: string;
  size: number;
  mediaType: string;
  addedBy: string;
  addedAt: string;
  /** The controls the file supports. */
  controlKeys: string[];
};

export type ScoringRule = { method: 'percent' | 'points'; bands?: { min: number; label: Localized }[] | undefined };

/** One catalog of an assessment with everything a report prints of it. */
export type AssessmentPartRecord = {
  id: string;
  name: string;
  assessors: string;
  scope: string;
  /** 総評: the overall comment ('' = none); older records may lack it. */
  overallComment?: string | undefined;
  periodStart: string | null;
  periodEnd: string | null;
  status: AssessmentStatus;
  createdAt: string;
  updatedAt: string;
  organization: { id: string; name: string } | null;
  /** This catalog's applicability profile; null = everything applies. */
  profile: string | null;
  profiles: { id: string; label: Localized }[];
  catalog: { ref: number; catalogId: string; version: string; title: Localized };
  /** Every catalog of the assessment, first one first. */
  catalogs: { catalogId: string; version: string; title: Localized }[];
  /** Put before a control ID of this catalog to get its key ('' for the first catalog). */
  keyPrefix: string;
  answerScale: AnswerValue[];
  scoring: ScoringRule | null;
  controls: ControlRecord[];
  answers: AnswerRecord[];
};
