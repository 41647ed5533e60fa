import { z } from 'zod';
import { AnswerFieldsWithDefaultsSchema } from '../assessment/answer-fields';
import { SIGNOFF_STEPS } from '../assessment/signoff';

/**
 * The assessment file (`tenken-assessment/1`): one whole assessment as JSON, to carry an engagement to another
 * machine and back, and for scripts. Written as canonical JSON (keys sorted, no whitespace), so exporting the same
 * assessment twice, or exporting it again after importing it elsewhere, gives the same bytes.
 *
 * - `assessment`: identity, organization (name and contact), scope, assessors, period, the overall comment (総評),
 *   status, created/updated, the
 *   last report number issued (when any; not part of the history).
 * - `catalogs`: the catalogs assessed, first one first, by ID and version, each with its applicability profile;
 *   the importing workspace must have those versions loaded (shipped, or imported first).
 * - `answers`: every answer, naming its catalog and control ID, with who/when/revision as recorded.
 * - `evidence`: every file with its name, type, size, SHA-256, who/when, linked controls, and its bytes (base64),
 *   checked against the SHA-256 on import.
 * - `history`: the assessment's history entries in order (who, when, what, old → new). The importing workspace
 *   appends them to its own hash chain; the chain hashes themselves are not carried (they chain a whole workspace).
 * - `dismissedSuggestions`: suggestions the team chose to ignore.
 * - `signoff` (when any was recorded): who prepared, reviewed and approved it, with role and time; the history
 *   must say the same (core/audit/signoff-replay.ts).
 * Not carried: the review reports of earlier catalog-version upgrades.
 */
export const ASSESSMENT_FILE_FORMAT = 'tenken-assessment/1';

const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 time');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const CatalogId = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);
const ControlId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._()-]{0,63}$/);
const Uuid = z.string().uuid();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const ControlRef = z.strictObject({ catalog: CatalogId, controlId: ControlId });

export const AssessmentFile = z.strictObject({
  format: z.literal(ASSESSMENT_FILE_FORMAT),
  generator: z.strictObject({ name: z.literal('tenken'), version: z.string().max(40) }),
  assessment: z.strictObject({
    id: Uuid,
    name: z.string().trim().min(1).max(200),
    organization: z.strictObject({ name: z.string().trim().min(1).max(200), contact: z.string().max(1000) }).nullable(),
    scope: z.string().max(4000),
    assessors: z.string().max(1000),
    periodStart: IsoDate.nullable(),
    periodEnd: IsoDate.nullable(),
    /** 総評, the overall comment; a file from before it imports with ''. */
    overallComment: z.string().max(20000).default(''),
    status: z.enum(['draft', 'in_review', 'final']),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    /** The last report number issued (when any), so the sequence goes on where the assessment is imported. */
    reportNumber: z.number().int().min(1).max(1_000_000_000).optional(),
  }),
  catalogs: z
    .array(
      z.strictObject({
        catalog: CatalogId,
        version: z.string().min(1).max(32),
        profile: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
          .nullable(),
      }),
    )
    .min(1)
    .max(8),
  answers: z
    .array(
      z.strictObject({
        ...ControlRef.shape,
        // Every editable field of an answer, with the limits the API enforces (answer-fields.ts); a field added
        // after the file was written takes its empty value.
        ...AnswerFieldsWithDefaultsSchema.shape,
        updatedAt: IsoTime,
        updatedBy: z.string().max(200),
        revision: z.number().int().min(1),
      }),
    )
    .max(50_000),
  evidence: z
    .array(
      z.strictObject({
        id: Uuid,
        fileName: z.string().min(1).max(255),
        mediaType: z.string().min(1).max(200),
        size: z.number().int().min(1),
        sha256: Sha256,
        addedBy: z.string().max(200),
        addedAt: IsoTime,
        controls: z.array(ControlRef).max(5000),
        content: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
      }),
    )
    .max(10_000),
  history: z
    .array(
      z.strictObject({
        at: IsoTime,
        actor: z.string().max(200),
        action: z.string().min(1).max(64),
        entity: z.string().min(1).max(64),
        entityId: z.string().min(1).max(200),
        oldValue: z.unknown(),
        newValue: z.unknown(),
        appVersion: z.string().max(40),
      }),
    )
    .max(500_000),
  dismissedSuggestions: z
    .array(
      z.strictObject({
        control: z.string().min(1).max(130),
        sourceAssessmentId: Uuid,
        sourceKey: z.string().min(1).max(130),
        dismissedBy: z.string().max(200),
        dismissedAt: IsoTime,
      }),
    )
    .max(100_000),
  signoff: z
    .array(
      z.strictObject({
        step: z.enum(SIGNOFF_STEPS),
        name: z.string().trim().min(1).max(200),
        role: z.string().max(200),
        at: IsoTime,
      }),
    )
    .max(SIGNOFF_STEPS.length)
    .refine((list) => new Set(list.map((x) => x.step)).size === list.length, 'each step once')
    .optional(),
  /** Written where the organization keeps a history key (main/assessments/history-mac.ts); checked on import. */
  historyAnchor: z
    .strictObject({
      entries: z.number().int().min(0),
      head: z.string().regex(/^[0-9a-f]{64}$/),
      mac: z.strictObject({
        alg: z.literal('HMAC-SHA256'),
        keyId: z.string().regex(/^[0-9a-f]{16}$/),
        value: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    })
    .optional(),
});
export type AssessmentFile = z.infer<typeof AssessmentFile>;

/** The assessment file format as JSON Schema (draft 2020-12), published in docs/ for people and other tools. */
export function assessmentFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AssessmentFile, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://tenken.invalid/schema/tenken-assessment-1.json',
    title: 'Tenken assessment file (tenken-assessment/1)',
    description:
      'One whole assessment: catalogs, answers, evidence (base64, with SHA-256), history. Generated from src/core/exchange/assessment-file.ts; do not edit by hand.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
