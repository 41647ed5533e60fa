import { z } from 'zod';
import type { CarryForwardReport, EvidenceValidityView } from './periods-types';
import type { AssessmentSummary } from './types';

/** Input schemas and outputs of the period and housekeeping channels (spread into `contract`). */

function channel<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}
const Id = z.string().uuid();
const Name = z.string().trim().min(1).max(200);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** `show`: the home list (default: neither archived nor in the trash), the archived ones, or the trash. */
export const AssessmentList = z.strictObject({ show: z.enum(['active', 'archived', 'trash']).optional() });
const CarryForward = z.strictObject({
  from: Id,
  name: Name,
  periodStart: IsoDate.nullable().optional(),
  periodEnd: IsoDate.nullable().optional(),
  /** Another version of the first catalog for the new period. */
  version: z.string().min(1).max(40).optional(),
});
const ById = z.strictObject({ id: Id });
const Duplicate = z.strictObject({ id: Id, name: Name });
const Archive = z.strictObject({ id: Id, archived: z.boolean() });
const Empty = z.strictObject({});
const ByAssessment = z.strictObject({ assessmentId: Id });
const SetValidity = z.strictObject({ evidenceId: Id, validUntil: IsoDate.nullable() });

export const periodsContract = {
  /** A new assessment for the next period from a previous one (answers marked 要確認 until confirmed). */
  'assessments.carryForward': channel<typeof CarryForward, AssessmentSummary>(CarryForward),
  'assessments.carryReport': channel<typeof ById, CarryForwardReport | null>(ById),
  /** An exact copy under another name (answers not marked), its history starting at the copy. */
  'assessments.duplicate': channel<typeof Duplicate, AssessmentSummary>(Duplicate),
  /** Archived: hidden from the home list and read-only until unarchived. */
  'assessments.archive': channel<typeof Archive, AssessmentSummary>(Archive),
  /** Moves to the trash (hidden, read-only, restorable). */
  'assessments.trash': channel<typeof ById, AssessmentSummary>(ById),
  'assessments.restore': channel<typeof ById, AssessmentSummary>(ById),
  /** Deletes what is in the trash for good (its history entries stay in the chain). */
  'assessments.emptyTrash': channel<typeof Empty, { deleted: number }>(Empty),
  /** Each evidence file's valid-until date and whether it is stale (expired, or older than the period). */
  'evidence.validity': channel<typeof ByAssessment, EvidenceValidityView[]>(ByAssessment),
  'evidence.setValidity': channel<typeof SetValidity, EvidenceValidityView>(SetValidity),
} as const;
