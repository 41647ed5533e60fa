import { z } from 'zod';
import { CHANNEL_NAMES, isChannelName, type ChannelName } from './channels';
import type {
  AnswerSaved,
  AppInfo,
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
const SettingsUpdate = z.strictObject({ language: z.enum(['ja', 'en']).optional(), userName: Name.optional() });
const AssessmentCreate = z.strictObject({
  name: Name,
  /** Catalog row (`ref`) or `<catalog-id>` / `<catalog-id>@<version>`: the CLI passes the readable form. */
  catalog: z.union([z.number().int().positive(), z.string().min(1).max(100)]),
  organization: Name.optional(),
  scope: Text(4000).optional(),
});
const ById = z.strictObject({ id: Id });
const AnswerSet = z.strictObject({
  assessmentId: Id,
  controlId: z.string().min(1).max(64),
  /** null clears the answer. */
  value: z.string().min(1).max(32).nullable(),
  comment: Text(20000).optional(),
  justification: Text(20000).optional(),
});

const CatalogSearch = z.strictObject({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(500).optional() });
const CatalogDiff = z.strictObject({ catalogId: z.string().min(1).max(100), from: z.string().min(1).max(40), to: z.string().min(1).max(40) });
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
  /** Text files as UTF-8 text; XLSX as base64. */
  content: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  format: z.enum(['yaml', 'json', 'oscal', 'csv', 'xlsx']).optional(),
  sheet: z.string().max(200).optional(),
  mapping: ColumnMappingInput.optional(),
  meta: z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/).optional(),
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/).optional(),
    title: z.strictObject({ ja: Name, en: Name }).optional(),
  }).optional(),
});
const CatalogExport = z.strictObject({ ref: z.number().int().positive(), format: z.enum(['oscal', 'yaml']), lang: z.enum(['ja', 'en']).default('ja') });
const AssessmentUpgrade = z.strictObject({ id: Id, toVersion: z.string().min(1).max(40) });

export const contract = {
  'app.info': channel<typeof Empty, AppInfo>(Empty),
  'settings.get': channel<typeof Empty, Settings>(Empty),
  'settings.update': channel<typeof SettingsUpdate, Settings>(SettingsUpdate),
  'catalogs.list': channel<typeof Empty, CatalogSummary[]>(Empty),
  'organizations.list': channel<typeof Empty, OrganizationSummary[]>(Empty),
  'assessments.list': channel<typeof Empty, AssessmentSummary[]>(Empty),
  'assessments.create': channel<typeof AssessmentCreate, AssessmentSummary>(AssessmentCreate),
  'assessments.get': channel<typeof ById, AssessmentDetail>(ById),
  'answers.set': channel<typeof AnswerSet, AnswerSaved>(AnswerSet),
  'catalogs.search': channel<typeof CatalogSearch, CatalogSearchHit[]>(CatalogSearch),
  'catalogs.diff': channel<typeof CatalogDiff, CatalogDiffView>(CatalogDiff),
  'catalogs.preview': channel<typeof CatalogFile, ImportPreview>(CatalogFile),
  'catalogs.import': channel<typeof CatalogFile, ImportOutcome>(CatalogFile),
  'catalogs.export': channel<typeof CatalogExport, ExportedFile>(CatalogExport),
  'assessments.upgrade': channel<typeof AssessmentUpgrade, UpgradeReport>(AssessmentUpgrade),
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
