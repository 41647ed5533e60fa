import { z } from 'zod';

/**
 * The catalog file format (`tenken-catalog/1`): one YAML (or JSON) document per catalog version.
 * This zod schema is the source of truth; catalogs/schema/catalog.schema.json is generated from it
 * (scripts/gen-catalog-schema.ts) so editors can validate while authors type.
 */

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const nonBlank = z.string().trim().min(1);

/** Text in both languages. Catalog text is data, not UI strings. */
export const LocalizedText = z.strictObject({ ja: nonBlank, en: nonBlank });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Longer text where one language may still be missing (reported as a warning, not an error). */
export const PartialLocalizedText = z.strictObject({ ja: nonBlank.optional(), en: nonBlank.optional() });

export const CatalogId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'lowercase letters, digits and hyphens, starting with a letter');
/** The ID as printed in the source document (e.g. 9.4.2.1.B, A3.2.5, No.12). */
export const ControlId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._()-]{0,63}$/, 'letters, digits and . _ - ( ), no spaces');
export const TagId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

/** What an answer value means for progress, scoring and quality checks, whatever its label. */
export const AnswerMeaning = z.enum([
  'compliant',
  'partial',
  'noncompliant',
  'not_applicable',
  'not_tested',
  'unknown',
]);
export type AnswerMeaning = z.infer<typeof AnswerMeaning>;

export const AnswerValue = z.strictObject({
  value: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  label: LocalizedText,
  meaning: AnswerMeaning,
  /** Points (e.g. IPA 自社診断 4/2/0/−1) or a fraction (1, 0.5, 0). null: not scored (N/A). */
  score: z.number().nullable(),
  justification: z.enum(['required', 'optional']).default('optional'),
  description: LocalizedText.optional(),
  /**
   * A worksheet the answer carries with this value: `ccw` = PCI DSS's compensating-control worksheet (constraints,
   * objective, risk, the compensating control, validation, maintenance; answer-fields.ts). The screen shows its
   * fields and the report prints them for this value only (answer-rules.ts says what is required).
   */
  worksheet: z.enum(['ccw']).optional(),
});
export type AnswerValue = z.infer<typeof AnswerValue>;

export const ScoreBand = z.strictObject({ min: z.number(), label: LocalizedText });

export const Scoring = z.strictObject({
  /** percent: achieved / maximum over scored answers; points: sum of scores (IPA style). */
  method: z.enum(['percent', 'points']),
  /** Bands from the highest minimum down, e.g. 100 / 70 / 50 for IPA 自社診断. */
  bands: z.array(ScoreBand).optional(),
});

/** Who a profile is for; shown beside its label (e.g. the PCI DSS SAQs: merchant or service provider). */
export const ProfileKind = z.enum(['merchant', 'service-provider', 'other']);
export type ProfileKind = z.infer<typeof ProfileKind>;

/** The public document a profile's control list comes from, so a reader can check it. */
export const ProfileSource = z.strictObject({
  title: nonBlank,
  publisher: nonBlank,
  /** Publication date of the cited document (YYYY-MM-DD or YYYY-MM). */
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  /** The document's own revision label, e.g. "Revision 1". */
  revision: nonBlank.optional(),
  url: z.url(),
  /** How the list was taken from the source, and what in it is derived rather than copied. */
  note: LocalizedText.optional(),
});
export type ProfileSource = z.infer<typeof ProfileSource>;

/**
 * An applicability profile: who or what scope a control applies to (actor, SAQ type, LIU subset…).
 * Applicability comes from the nodes' `profiles` markers, or from `controls`: an explicit list of the
 * control IDs the profile covers (a listed group covers its descendants), resolved when the catalog is
 * flattened (see resolveProfiles in flatten.ts).
 */
export const Profile = z.strictObject({
  id: TagId,
  label: LocalizedText,
  description: LocalizedText.optional(),
  kind: ProfileKind.optional(),
  source: ProfileSource.optional(),
  controls: z.array(ControlId).min(1).optional(),
  /** What a user confirms before choosing the profile (e.g. an SAQ's eligibility criteria), in our own words. */
  eligibility: z.array(LocalizedText).min(1).optional(),
});
export type Profile = z.infer<typeof Profile>;

export const Reference = z.strictObject({
  /** Another catalog (by id), or omitted for this one. */
  catalog: CatalogId.optional(),
  id: ControlId,
  note: PartialLocalizedText.optional(),
});

export const EvidenceList = z.strictObject({ ja: z.array(nonBlank).min(1), en: z.array(nonBlank).min(1) });

export type CatalogNodeInput = {
  id: string;
  title: LocalizedText;
  description?: { ja?: string | undefined; en?: string | undefined } | undefined;
  guidance?: { ja?: string | undefined; en?: string | undefined } | undefined;
  provider_guidance?: { ja?: string | undefined; en?: string | undefined } | undefined;
  evidence?: { ja: string[]; en: string[] } | undefined;
  assessable?: boolean | undefined;
  mandatory?: boolean | undefined;
  excludable?: boolean | undefined;
  tags?: string[] | undefined;
  profiles?: string[] | undefined;
  references?: z.infer<typeof Reference>[] | undefined;
  weight?: number | undefined;
  unverified?: string | undefined;
  items?: CatalogNodeInput[] | undefined;
};

export const CatalogNode: z.ZodType<CatalogNodeInput> = z.lazy(() =>
  z.strictObject({
    id: ControlId,
    title: LocalizedText,
    /** What the control asks for, in our own words (or official text where the licence allows). */
    description: PartialLocalizedText.optional(),
    /** How to meet it / what a reviewer looks for. */
    guidance: PartialLocalizedText.optional(),
    /**
     * For catalogs written for a service's user (e.g. METI's cloud guideline): what to ask of, or confirm with, the
     * provider, kept apart from what the user does itself (description / guidance).
     */
    provider_guidance: PartialLocalizedText.optional(),
    /** Typical evidence an organization would show. */
    evidence: EvidenceList.optional(),
    /** Default: true for leaves, false for nodes with items. */
    assessable: z.boolean().optional(),
    /** Default true: mandatory controls must be answered; selectable ones may be excluded. */
    mandatory: z.boolean().optional(),
    /**
     * Whether this node may be excluded, i.e. answered with a value whose meaning is not_applicable (with its
     * justification). Inherited by children: the nearest node that sets it decides. Default: allowed.
     * ISMAP: false on the governance and management criteria (chapters 3 and 4), which are implemented in full.
     */
    excludable: z.boolean().optional(),
    tags: z.array(TagId).optional(),
    /** Applicability: the profiles this node applies to; omitted = all. Inherited by children. */
    profiles: z.array(TagId).optional(),
    references: z.array(Reference).optional(),
    weight: z.number().positive().optional(),
    /** A note on what could not be verified against the source (catalog honesty). */
    unverified: nonBlank.optional(),
    items: z.array(CatalogNode).optional(),
  }),
);

export const TagDef = z.strictObject({ id: TagId, label: LocalizedText });

export const CatalogDocument = z.strictObject({
  format: z.literal('tenken-catalog/1'),
  id: CatalogId,
  /** The official version string (e.g. 4.0.1, 2024-07, 2013年度版 → "2013"). */
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/),
  title: LocalizedText,
  short_title: LocalizedText.optional(),
  publisher: LocalizedText,
  /** Publication date of this version of the source (YYYY-MM-DD, or YYYY-MM when the day is unknown). */
  published: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  source_url: z.url().optional(),
  licence_note: LocalizedText,
  /**
   * own-summary: every text is our paraphrase of a publisher's document; own-guidance: Tenken's own checklist, written
   * from scratch, with no official document behind it; official: the publisher's wording (licence permitting).
   */
  text_kind: z.enum(['own-summary', 'own-guidance', 'official', 'mixed', 'user']),
  description: LocalizedText.optional(),
  /** Notes on what in this file is not verified against the official document. */
  unverified: z.array(nonBlank).optional(),
  /**
   * An earlier version of this catalog whose control IDs this version keeps, only filling in or replacing texts
   * (e.g. a version built from the user's copy of the official workbook). Moving an assessment from that version
   * carries every answer whose control ID is kept, including those whose text changed; those are marked for review.
   */
  keeps_ids_of: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/)
    .optional(),
  answer_scale: z.array(AnswerValue).min(2),
  /**
   * The standard lets a requirement be met by a customized approach (PCI DSS v4: the entity's own control meeting the
   * requirement's objective, recorded apart from compensating controls): answers can carry that marker.
   */
  customized_approach: z.boolean().optional(),
  scoring: Scoring.optional(),
  profiles: z.array(Profile).optional(),
  tags: z.array(TagDef).optional(),
  items: z.array(CatalogNode).min(1),
});
export type CatalogDocument = z.infer<typeof CatalogDocument>;
