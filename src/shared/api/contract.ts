import { z } from 'zod';
import { ANSWER_FIELDS, AnswerPatchSchema } from '../../core/assessment/answer-fields';
import { REPORT_SECTIONS } from '../../core/report/model';
import { MAX_PASSPHRASE_CHARS, SEALED_OVERHEAD_BYTES } from '../../core/exchange/sealed-package';
import type { MergePreview } from '../../core/exchange/merge-plan';
import type { AnswerWorkbookApplied, AnswerWorkbookPreview } from '../../core/assessment/answer-workbook';
import { CHANNEL_NAMES, isChannelName, type ChannelName } from './channels';
import { SIGNOFF_STEPS, type Signoff } from '../../core/assessment/signoff';
import { AssessmentList, periodsContract } from './contract-periods';
import { requestContract } from './request-contract';
import { backupsContract } from './contract-backups';
import type {
  RollupView,
  AnswerSaved,
  AnswerView,
  AppInfo,
  AssessmentStatus,
  AuditCheck,
  AuditEntryView,
  EvidenceFile,
  EvidenceView,
  Progress,
  QualityIssue,
  SuggestionView,
  AssessmentDetail,
  AssessmentSummary,
  CatalogSummary,
  OrganizationSummary,
  CatalogDiffView,
  CatalogSearchHit,
  ExportedFile,
  ImportOutcome,
  ImportPreview,
  Settings,
  TextEncodingName,
  UpgradeReport,
} from './types';

/**
 * The one API contract. Every channel has a zod input schema and an output type; the Electron IPC
 * handlers, the browser shell's HTTP API and the CLI all validate against these before a service runs.
 * Channel names are `<area>.<verb>`; on IPC they travel as `tenken:<name>`, over HTTP as POST /api/<name>.
 */

const Id = z.string().uuid();
const Text = (max: number) => z.string().max(max);
const Name = z.string().trim().min(1).max(200);

function channel<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}

const Empty = z.strictObject({});
/** `timeZone`: an IANA name (checked by the service against Intl), or null to follow the OS's zone again. */
const SettingsUpdate = z.strictObject({
  language: z.enum(['ja', 'en']).optional(),
  userName: Name.optional(),
  timeZone: z.string().trim().min(1).max(64).nullable().optional(),
  atRestNoticeDismissed: z.literal(true).optional(),
});
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ProfileId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const AssessmentMeta = {
  assessors: Text(1000).optional(),
  periodStart: IsoDate.nullable().optional(),
  periodEnd: IsoDate.nullable().optional(),
  profile: ProfileId.nullable().optional(),
};
/** Catalog row (`ref`) or `<catalog-id>` / `<catalog-id>@<version>`: the CLI passes the readable form. */
const CatalogRef = z.union([z.number().int().positive(), z.string().min(1).max(100)]);
/** A catalog of an assessment, by catalog ID (e.g. `pci-dss`). */
const PartId = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);
const AssessmentCreate = z.strictObject({
  ...AssessmentMeta,
  name: Name,
  /** The first catalog; `profile` is its applicability profile. */
  catalog: CatalogRef,
  /** More catalogs assessed in the same engagement, each with its own profile. */
  additionalCatalogs: z
    .array(z.strictObject({ catalog: CatalogRef, profile: ProfileId.nullable().optional() }))
    .max(7)
    .optional(),
  organization: Name.optional(),
  /** Contact data of the organization (client): person, department, phone, e-mail. */
  organizationContact: Text(1000).optional(),
  scope: Text(4000).optional(),
});
const ById = z.strictObject({ id: Id });
const AssessmentGet = z.strictObject({ id: Id, catalog: PartId.optional() });
const AssessmentAddCatalog = z.strictObject({ id: Id, catalog: CatalogRef, profile: ProfileId.nullable().optional() });
const AssessmentRemoveCatalog = z.strictObject({ id: Id, catalog: PartId });
/** A control's key in an assessment: its ID, or `<catalog-id>:<control-id>` outside the first catalog. */
const ControlKey = z.string().min(1).max(130);
const SuggestionDismiss = z.strictObject({
  assessmentId: Id,
  controlKey: ControlKey,
  sourceAssessmentId: Id,
  sourceControlKey: ControlKey,
});
const AnswerValueId = ANSWER_FIELDS.value.schema.unwrap();
/** Fields left out keep their values; `value: null` clears the answer (e.g. when only the comment changes, omit it). */
const AnswerSet = AnswerPatchSchema.extend({ assessmentId: Id, controlKey: ControlKey });
/** `catalog` names the catalog whose profile changes (default: the first). */
/** `organization: null` unlinks the organization; a name is found or created as at creation (its contact updated when given). */
const AssessmentUpdate = z.strictObject({
  id: Id,
  name: Name.optional(),
  organization: Name.nullable().optional(),
  organizationContact: Text(1000).optional(),
  scope: Text(4000).optional(),
  catalog: PartId.optional(),
  /** 総評: the overall comment printed in the report's summary. */
  overallComment: Text(20000).optional(),
  ...AssessmentMeta,
});
const AssessmentStatusSet = z.strictObject({
  id: Id,
  status: z.enum(['draft', 'in_review', 'final']),
  note: Text(2000).optional(),
});
const AnswerBatch = z.strictObject({
  assessmentId: Id,
  controlKeys: z.array(ControlKey).min(1).max(5000),
  value: AnswerValueId.nullable(),
  justification: ANSWER_FIELDS.justification.schema.optional(),
  comment: ANSWER_FIELDS.comment.schema.optional(),
});
const ByAssessment = z.strictObject({ assessmentId: Id });
/** Who prepared, reviewed or approved the assessment (approved: only a final one). */
const SignoffSet = z.strictObject({
  assessmentId: Id,
  step: z.enum(SIGNOFF_STEPS),
  name: Name,
  role: Text(200).optional(),
});
/** One control's history (`controlKey`), the assessment's own entries (`entity: 'assessment'`: details, status, catalogs), or all. */
const History = z.strictObject({
  assessmentId: Id,
  controlKey: ControlKey.optional(),
  entity: z.enum(['assessment']).optional(),
});
const AuditVerify = z.strictObject({ assessmentId: Id.optional() });
/** Largest evidence file (base64 in the request). */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;
const EvidenceAdd = z.strictObject({
  assessmentId: Id,
  controlKeys: z.array(ControlKey).max(1000),
  fileName: z.string().trim().min(1).max(255),
  content: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 4),
});
/** PDF sections to print (the cover and the catalog's source and licence always are). */
const ReportSections = z.array(z.enum(REPORT_SECTIONS)).min(1).max(REPORT_SECTIONS.length);
/** Largest PKCS#12 file accepted for signing a report (a key and a few certificates are a few KB). */
export const MAX_SIGNING_P12_BYTES = 64 * 1024;
/**
 * Signing the PDF with the organization's certificate: the PKCS#12 file (base64) and its password, never logged or
 * stored. `timestamp` is the B-T hook (a TSA over the network), off unless given, refused without a `tsaUrl`.
 */
const ReportSigning = z.strictObject({
  p12: z
    .string()
    .min(4)
    .max(Math.ceil((MAX_SIGNING_P12_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  password: z.string().max(1024),
  timestamp: z.strictObject({ tsaUrl: z.string().trim().max(2000).optional() }).optional(),
});
/** A roll-up of one catalog: the chosen assessments (all that include the catalog when none are chosen). */
const RollupGet = z.strictObject({ catalogId: PartId, assessmentIds: z.array(Id).max(500).optional() });
// PDF: the roll-up report (cover with the assessments and their history heads, scores, weak everywhere).
const RollupExport = RollupGet.extend({
  format: z.enum(['xlsx', 'pdf']),
  lang: z.enum(['ja', 'en']),
  marking: z.string().trim().max(60).optional(),
});
const ReportBuild = z.strictObject({
  assessmentId: Id,
  catalog: PartId.optional(),
  sections: ReportSections.optional(),
  format: z.enum(['pdf', 'xlsx', 'csv', 'json', 'oscal-ar', 'oscal-poam']),
  lang: z.enum(['ja', 'en']),
  marking: z.string().trim().max(60).optional(),
  dateStyle: z.enum(['iso', 'japanese', 'wareki']).optional(),
  sign: ReportSigning.optional(),
});
/** Who signed a signed PDF report, and until when the certificate holds (`expiresSoon`: within 30 days). */
export type ReportSignatureView = {
  level: 'B-B' | 'B-T';
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprintSha256: string;
  selfSigned: boolean;
  expiresInDays: number;
  expiresSoon: boolean;
};
/** Largest assessment file (JSON with its evidence) accepted through the API. */
export const MAX_ASSESSMENT_FILE_BYTES = 200 * 1024 * 1024;
const AssessmentImport = z.strictObject({ content: z.string().min(1).max(MAX_ASSESSMENT_FILE_BYTES) });
/** Largest sealed package (`.tenken`): an assessment file as large as above, with the header and the GCM tag. */
export const MAX_SEALED_PACKAGE_BYTES = MAX_ASSESSMENT_FILE_BYTES + SEALED_OVERHEAD_BYTES;
/** A passphrase travels only inside a request, never stored or logged; the service refuses fewer than 12 characters with a message. */
const Passphrase = z
  .string()
  .min(1)
  .max(MAX_PASSPHRASE_CHARS * 4);
const SealedExport = z.strictObject({ id: Id, passphrase: Passphrase });
const SealedImport = z.strictObject({
  content: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_SEALED_PACKAGE_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  passphrase: Passphrase,
});
/**
 * A copy of an assessment that is already here, to merge: the JSON text of an assessment file, or (with its
 * passphrase) a sealed package as base64.
 */
const MergeSource = {
  content: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_SEALED_PACKAGE_BYTES * 4) / 3) + 4),
  passphrase: Passphrase.optional(),
};
const MergeTakeInput = z.enum(['ours', 'theirs']);
const MergePreviewInput = z.strictObject(MergeSource);
const MergeApply = z.strictObject({
  ...MergeSource,
  /** Every conflict the same way, unless chosen one by one in `choices` (control key, `@status` or `@<detail>`). */
  take: MergeTakeInput.optional(),
  choices: z
    .record(z.string().min(1).max(140), MergeTakeInput)
    .refine((r) => Object.keys(r).length <= 50_000, 'too many choices')
    .optional(),
  /** Our chain head the preview showed: refused when the assessment changed since. */
  expectOurs: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
const ReportPreview = z.strictObject({
  assessmentId: Id,
  catalog: PartId.optional(),
  lang: z.enum(['ja', 'en']),
  marking: z.string().trim().max(60).optional(),
  dateStyle: z.enum(['iso', 'japanese', 'wareki']).optional(),
  sections: ReportSections.optional(),
});
const EvidenceLink = z.strictObject({ evidenceId: Id, controlKey: ControlKey, linked: z.boolean() });
const EvidenceContent = z.strictObject({ evidenceId: Id });

/** Hits per page of the search screen: the first page comes at once, the next on "more". */
export const SEARCH_PAGE_SIZE = 50;
const CatalogSearch = z.strictObject({
  // A search text holds no control characters (a NUL used to reach SQLite and answer 500).
  query: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'no control characters'),
  limit: z.number().int().min(1).max(500).optional(),
  /** Hits to skip: the search screen shows a page and asks for the next one ("more"). */
  offset: z.number().int().min(0).max(10_000).optional(),
});
const CatalogDiff = z.strictObject({
  catalogId: z.string().min(1).max(100),
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
});
/** Largest catalog file accepted through the API (the content travels in the request, base64 for XLSX). */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
const ColumnMappingInput = z.strictObject({
  headerRow: z.number().int().min(0).max(10000),
  id: z.number().int().min(0).max(1000),
  title: z.number().int().min(0).max(1000),
  description: z.number().int().min(0).max(1000).optional(),
  guidance: z.number().int().min(0).max(1000).optional(),
  evidence: z.number().int().min(0).max(1000).optional(),
  titleEn: z.number().int().min(0).max(1000).optional(),
  descriptionEn: z.number().int().min(0).max(1000).optional(),
  level: z.number().int().min(0).max(1000).optional(),
});
const CatalogFile = z.strictObject({
  fileName: z.string().min(1).max(260),
  /** The file: as UTF-8 text, or its bytes as base64 (XLSX always; CSV/TSV so that main detects their encoding). */
  content: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  format: z.enum(['yaml', 'json', 'oscal', 'csv', 'xlsx']).optional(),
  /** The character encoding of a text file sent as base64 (CSV/TSV…): overrides detection (see ImportPreview.encoding). */
  textEncoding: z
    .enum(['utf-8', 'utf-16le', 'utf-16be', 'shift_jis'] as const satisfies readonly TextEncodingName[])
    .optional(),
  sheet: z.string().max(200).optional(),
  /** A known layout: `ismap` reads the official ISMAP 管理基準 workbook into a new version of the shipped catalog. */
  preset: z.enum(['ismap']).optional(),
  mapping: ColumnMappingInput.optional(),
  meta: z
    .strictObject({
      id: z
        .string()
        .regex(/^[a-z][a-z0-9-]{1,62}$/)
        .optional(),
      version: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/)
        .optional(),
      title: z.strictObject({ ja: Name, en: Name }).optional(),
    })
    .optional(),
});
const CatalogExport = z.strictObject({
  ref: z.number().int().positive(),
  format: z.enum(['oscal', 'yaml']),
  lang: z.enum(['ja', 'en']).default('ja'),
});
const AssessmentUpgrade = z.strictObject({ id: Id, toVersion: z.string().min(1).max(40), catalog: PartId.optional() });

/** Largest answer workbook accepted (the catalog importer's XLSX limit); it travels as base64. */
export const MAX_ANSWER_WORKBOOK_BYTES = 50 * 1024 * 1024;
const AnswerWorkbookExport = z.strictObject({ assessmentId: Id, lang: z.enum(['ja', 'en']) });
const AnswerWorkbookFile = z.strictObject({
  assessmentId: Id,
  fileName: z.string().trim().min(1).max(255),
  content: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_ANSWER_WORKBOOK_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  lang: z.enum(['ja', 'en']),
  /** On apply: the SHA-256 of the file that was previewed; another file is refused. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export const contract = {
  'app.info': channel<typeof Empty, AppInfo>(Empty),
  'settings.get': channel<typeof Empty, Settings>(Empty),
  'settings.update': channel<typeof SettingsUpdate, Settings>(SettingsUpdate),
  'catalogs.list': channel<typeof Empty, CatalogSummary[]>(Empty),
  'organizations.list': channel<typeof Empty, OrganizationSummary[]>(Empty),
  'assessments.list': channel<typeof AssessmentList, AssessmentSummary[]>(AssessmentList),
  'assessments.create': channel<typeof AssessmentCreate, AssessmentSummary>(AssessmentCreate),
  'assessments.get': channel<typeof AssessmentGet, AssessmentDetail>(AssessmentGet),
  /** The whole assessment as a `tenken-assessment/1` file (JSON with evidence), base64. */
  'assessments.export': channel<typeof ById, ExportedFile>(ById),
  'assessments.import': channel<typeof AssessmentImport, AssessmentSummary>(AssessmentImport),
  /** The assessment file sealed under a passphrase (`tenken-sealed/1`, AES-256-GCM, scrypt), base64. */
  'assessments.exportSealed': channel<typeof SealedExport, ExportedFile>(SealedExport),
  /** Opens a sealed package (base64) and imports the assessment file inside it: all of it or nothing. */
  'assessments.importSealed': channel<typeof SealedImport, AssessmentSummary>(SealedImport),
  /** What merging a copy of an assessment that is here would do: counts and conflicts side by side. Changes nothing. */
  'assessments.mergePreview': channel<typeof MergePreviewInput, MergePreview>(MergePreviewInput),
  /** Merges the copy in one transaction, recorded as one merge entry with both chain heads and the choices. */
  'assessments.merge': channel<
    typeof MergeApply,
    { outcome: 'nothing' | 'merged'; assessment: AssessmentSummary; preview: MergePreview }
  >(MergeApply),
  'assessments.addCatalog': channel<typeof AssessmentAddCatalog, AssessmentSummary>(AssessmentAddCatalog),
  'assessments.removeCatalog': channel<typeof AssessmentRemoveCatalog, AssessmentSummary>(AssessmentRemoveCatalog),
  'answers.set': channel<typeof AnswerSet, AnswerSaved>(AnswerSet),
  'catalogs.search': channel<typeof CatalogSearch, CatalogSearchHit[]>(CatalogSearch),
  'catalogs.diff': channel<typeof CatalogDiff, CatalogDiffView>(CatalogDiff),
  'catalogs.preview': channel<typeof CatalogFile, ImportPreview>(CatalogFile),
  'catalogs.import': channel<typeof CatalogFile, ImportOutcome>(CatalogFile),
  'catalogs.export': channel<typeof CatalogExport, ExportedFile>(CatalogExport),
  'assessments.upgrade': channel<typeof AssessmentUpgrade, UpgradeReport>(AssessmentUpgrade),
  'assessments.update': channel<typeof AssessmentUpdate, AssessmentSummary>(AssessmentUpdate),
  'assessments.setStatus': channel<typeof AssessmentStatusSet, { status: AssessmentStatus; issues: QualityIssue[] }>(
    AssessmentStatusSet,
  ),
  'assessments.quality': channel<typeof ById, QualityIssue[]>(ById),
  'answers.batch': channel<typeof AnswerBatch, { changed: number; answers: AnswerView[]; progress: Progress }>(
    AnswerBatch,
  ),
  'answers.undo': channel<typeof ByAssessment, { undone: string[]; answers: AnswerView[]; progress: Progress }>(
    ByAssessment,
  ),
  'audit.history': channel<typeof History, AuditEntryView[]>(History),
  'audit.verify': channel<typeof AuditVerify, AuditCheck>(AuditVerify),
  'evidence.add': channel<typeof EvidenceAdd, EvidenceView>(EvidenceAdd),
  'evidence.list': channel<typeof ByAssessment, EvidenceView[]>(ByAssessment),
  'evidence.link': channel<typeof EvidenceLink, EvidenceView>(EvidenceLink),
  'evidence.content': channel<typeof EvidenceContent, EvidenceFile>(EvidenceContent),
  'evidence.reveal': channel<typeof EvidenceContent, { revealed: boolean }>(EvidenceContent),
  'suggestions.list': channel<typeof ByAssessment, SuggestionView[]>(ByAssessment),
  'suggestions.dismiss': channel<typeof SuggestionDismiss, { dismissed: boolean }>(SuggestionDismiss),
  'demo.create': channel<typeof Empty, AssessmentSummary>(Empty),
  /** The report file, base64 (PDF, XLSX, CSV or JSON). */
  /** The report's HTML exactly as it is printed to PDF, for the preview (shown in a sandboxed frame). */
  'report.preview': channel<typeof ReportPreview, { html: string }>(ReportPreview),
  /** The report file, base64; `signature` when the PDF was signed (`sign`). */
  'report.build': channel<
    typeof ReportBuild,
    { fileName: string; mediaType: string; content: string; signature?: ReportSignatureView }
  >(ReportBuild),
  'rollup.get': channel<typeof RollupGet, RollupView>(RollupGet),
  /** The roll-up as an XLSX workbook, base64. */
  'rollup.export': channel<typeof RollupExport, ExportedFile>(RollupExport),
  /** Who prepared, reviewed and approved the assessment, and when. */
  'signoff.get': channel<typeof ByAssessment, Signoff>(ByAssessment),
  /** Records one step; `approved` only of a final assessment, nothing while approved (reopen withdraws it). */
  'signoff.set': channel<typeof SignoffSet, Signoff>(SignoffSet),
  ...periodsContract,
  ...requestContract,
  /** The answer workbook (XLSX, base64): one row per control, to fill in Excel or LibreOffice and import back. */
  'answers.exportWorkbook': channel<typeof AnswerWorkbookExport, ExportedFile>(AnswerWorkbookExport),
  /** What a filled-in answer workbook would change (every change, every refused cell); writes nothing. */
  'answers.previewWorkbook': channel<typeof AnswerWorkbookFile, AnswerWorkbookPreview>(AnswerWorkbookFile),
  /** Applies an answer workbook: all of it in one transaction, or nothing. */
  'answers.importWorkbook': channel<typeof AnswerWorkbookFile, AnswerWorkbookApplied>(AnswerWorkbookFile),
  /** The printable blank questionnaire (PDF, base64): every control with its guidance, empty answer boxes and lines. */
  'report.questionnaire': channel<typeof AnswerWorkbookExport, ExportedFile>(AnswerWorkbookExport),
  ...backupsContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsed<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];

export const CHANNELS: readonly Channel[] = CHANNEL_NAMES;
export const isChannel = isChannelName;

// The contract and the channel list must name exactly the same channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _channelsMatch: Same<Channel, ChannelName> = true;
void _channelsMatch;
