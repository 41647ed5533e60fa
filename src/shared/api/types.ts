import type { Rollup } from '../../core/assessment/rollup';
import type { AnswerValue, ProfileKind, ProfileSource } from '../../core/catalog/format';
import type {
  AnswerRecord,
  AssessmentStatus,
  ControlRecord,
  EvidenceRecord,
  Localized,
  ScoringRule,
} from '../../core/assessment/records';
import type { IsmapPresetSummary } from '../../core/catalog/tabular/ismap-preset';

export type { AssessmentStatus, Localized, PartialLocalized } from '../../core/assessment/records';
export type Language = 'ja' | 'en';

export type AppInfo = {
  name: string;
  version: string;
  dataDir: string;
  portable: boolean;
  schemaVersion: number;
  shell: 'electron' | 'web' | 'cli';
  /** Why nothing can be saved (a read-only file or folder, a full disk): the UI shows a banner. Null when writable. */
  readOnly: 'file' | 'folder' | 'diskFull' | null;
};

/**
 * `timeZone`: the IANA zone times are shown and printed in (the user's choice, else the OS's, `systemTimeZone`);
 * `timeZoneFollowsSystem` while the user chose none. Times are stored in UTC whatever the zone.
 */
export type Settings = {
  language: Language;
  userName: string;
  timeZone: string;
  timeZoneFollowsSystem: boolean;
  systemTimeZone: string;
  /** The start screen's at-rest notice (the workspace is as safe as its disk) was dismissed once; always set by the app. */
  atRestNoticeDismissed?: boolean;
};

export type CatalogSummary = {
  ref: number;
  catalogId: string;
  version: string;
  title: Localized;
  shortTitle: Localized | null;
  publisher: Localized;
  published: string;
  sourceUrl: string | null;
  licenceNote: Localized;
  textKind: string;
  description: Localized | null;
  unverified: string[];
  origin: 'shipped' | 'imported';
  nodeCount: number;
  assessableCount: number;
  /** Applicability profiles (actors, SAQ types…) an assessment can choose. */
  profiles: CatalogProfileView[];
};

/** A profile as offered when an assessment is created: what it is, where its list comes from, what it covers. */
export type CatalogProfileView = {
  id: string;
  label: Localized;
  description: Localized | null;
  kind: ProfileKind | null;
  source: ProfileSource | null;
  /** What a user confirms before choosing it (e.g. an SAQ's eligibility criteria); empty when none. */
  eligibility: Localized[];
  /** Assessable controls that apply under this profile. */
  itemCount: number;
};

export type OrganizationSummary = { id: string; name: string; contact: string; assessmentCount: number };

export type Progress = { answered: number; total: number };

/** One catalog of an assessment. Controls of any catalog but the first are named `<catalogId>:<controlId>` (keyPrefix). */
export type AssessmentCatalogView = {
  ref: number;
  catalogId: string;
  version: string;
  title: Localized;
  profile: string | null;
  keyPrefix: string;
  progress: Progress;
};

export type AssessmentSummary = {
  id: string;
  name: string;
  assessors: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** The assessment this one was carried forward from (a previous period), when it was. */
  carriedFrom?: string | null;
  /** When archived (hidden from the home list, read-only) or moved to the trash; null when not. */
  archivedAt?: string | null;
  trashedAt?: string | null;
  /** Applicability profile of the catalog (e.g. an actor of the credit-card guideline); null = everything applies. */
  profile: string | null;
  /** `contact`: the organization's contact data (person, department, phone, e-mail), shared by its assessments. */
  organization: { id: string; name: string; contact?: string | undefined } | null;
  /** The first catalog (in a detail: the catalog being viewed; `profile` is then that catalog's profile). */
  catalog: { ref: number; catalogId: string; version: string; title: Localized };
  /** Every catalog of the assessment, first one first; progress above counts all of them. */
  catalogs: AssessmentCatalogView[];
  status: AssessmentStatus;
  createdAt: string;
  updatedAt: string;
  progress: Progress;
};

export type ControlView = ControlRecord;

/** An answer with who/when; `controlId` is the ID in its catalog, `controlKey` the key across the assessment. */
export type AnswerView = AnswerRecord;

export type ProfileView = { id: string; label: Localized };

/** One catalog of an assessment in full (the one named in assessments.get, else the first). */
export type AssessmentDetail = AssessmentSummary & {
  /** Put before a control ID of this catalog to name it across the assessment ('' for the first catalog). */
  keyPrefix: string;
  scope: string;
  /** 総評: the overall comment printed in the report's summary ('' = none). */
  overallComment: string;
  profiles: ProfileView[];
  tags: { id: string; label: Localized }[];
  answerScale: AnswerValue[];
  controls: ControlView[];
  answers: AnswerView[];
  /** Other loaded versions of the assessment's catalog, oldest first. */
  otherVersions: string[];
  lastUpgrade: UpgradeReport | null;
  /** The catalog's scoring rule (percent, or points with bands as in IPA 自社診断). */
  scoring: ScoringRule | null;
  /** Whether answers of this catalog may carry the customized-approach marker (PCI DSS v4). */
  customizedApproach: boolean;
};

export type AnswerSaved = { answer: AnswerView; progress: Progress };

export type CatalogSearchHit = {
  catalogRef: number;
  catalogId: string;
  version: string;
  catalogTitle: Localized;
  controlId: string;
  title: Localized;
  assessable: boolean;
  snippet: Localized;
};

export type PreviousAnswer = {
  value: string | null;
  comment: string;
  justification: string;
  updatedBy: string;
  updatedAt: string;
};

export type CatalogDiffView = {
  catalogId: string;
  from: string;
  to: string;
  unchanged: string[];
  changed: { controlId: string; before: Localized; after: Localized }[];
  added: { controlId: string; title: Localized }[];
  removed: { controlId: string; title: Localized }[];
};

/** What an upgrade to another catalog version did, kept for review. */
export type UpgradeReport = {
  from: string;
  to: string;
  at: string;
  actor: string;
  carried: string[];
  /**
   * Carried although their text changed, because the new version keeps the IDs of the old one (`keeps_ids_of`);
   * also in `carried`, and marked for review in the assessment. Absent when the rule did not apply.
   */
  carriedForReview?: string[] | undefined;
  changed: { controlId: string; before: Localized; after: Localized; previous: PreviousAnswer | null }[];
  removed: { controlId: string; title: Localized; previous: PreviousAnswer | null }[];
  added: { controlId: string; title: Localized }[];
};

/** A diagnostic as shown to people: an i18n key under catalogErrors, its parameters and where in the file. */
export type DiagnosticView = {
  severity: 'error' | 'warning';
  key: string;
  params: Record<string, string | number>;
  path: string;
  line?: number | undefined;
  column?: number | undefined;
};

export type ColumnMappingView = {
  headerRow: number;
  id: number;
  title: number;
  description?: number | undefined;
  guidance?: number | undefined;
  evidence?: number | undefined;
  titleEn?: number | undefined;
  descriptionEn?: number | undefined;
  level?: number | undefined;
};

/** Character encodings a text catalog file (CSV/TSV, YAML, JSON) can be read in; `shift_jis` is Windows-31J (cp932). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';
/** How a text file was decoded: the encoding, whether it began with a BOM, and whether it was detected or chosen. */
export type TextEncodingView = { name: TextEncodingName; bom: boolean; detected: boolean };

export type ImportPreview = {
  ok: boolean;
  format: 'yaml' | 'json' | 'oscal' | 'csv' | 'xlsx';
  /** For text files: the encoding they were read in (null for XLSX, or when no encoding could read the file). */
  encoding?: TextEncodingView | null | undefined;
  errors: DiagnosticView[];
  warnings: DiagnosticView[];
  catalog: {
    catalogId: string;
    version: string;
    title: Localized;
    nodeCount: number;
    assessableCount: number;
    depthCounts: number[];
    exists: boolean;
  } | null;
  sample: { controlId: string; depth: number; title: Localized; assessable: boolean }[];
  /** For CSV/XLSX: the sheet, the first rows and the column mapping used (suggested or given). */
  table: { sheets: string[]; sheet: string | null; rows: string[][]; mapping: ColumnMappingView | null } | null;
  /** With an import preset (XLSX `ismap`): what it found, per sheet and level (null when the file could not be read). */
  preset?: { id: 'ismap'; summary: IsmapPresetSummary | null } | null | undefined;
};

export type ImportOutcome = {
  ref: number;
  catalogId: string;
  version: string;
  status: 'added' | 'unchanged';
  warnings: DiagnosticView[];
};

export type ExportedFile = { fileName: string; mediaType: string; content: string };

export type AuditEntryView = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
};

export type QualityIssue = {
  kind:
    | 'unanswered'
    | 'justificationMissing'
    | 'compliantWithoutEvidence'
    | 'markedForReview'
    | 'overdueAction'
    | 'noncompliantWithoutAction'
    | 'exclusionNotAllowed'
    /** Carried from the previous period and not yet confirmed. */
    | 'carriedUnconfirmed'
    /** Linked evidence past its valid-until date or older than the period (detail: the file names). */
    | 'evidenceStale'
    /** A compensating-control worksheet (value marked `worksheet: ccw`) with empty fields (detail: their names). */
    | 'ccwIncomplete';
  /** The control's key in the assessment (see AnswerView.controlKey). */
  controlKey: string;
  title: Localized;
  detail?: string;
};

/** Where the stored data first differs from what the history replays to (see core/audit/replay.ts). */
export type AuditDivergence = {
  assessmentId: string;
  assessmentName: string;
  subject: string;
  key: string;
  field: string;
  expected: string;
  stored: string;
  seq: number | null;
  action: string | null;
};
/**
 * `reason`: 'hash' | 'link' | 'gap' (the chain itself is broken at `brokenAt`), 'replay' (the chain is whole but the
 * answers, evidence or status differ from its replay: `divergence`), 'anchor' (a head recorded elsewhere, e.g. in a
 * backup, is no longer in the chain: `anchor`). `head` is the chain's head whenever its hashes hold.
 */
export type AuditCheck = {
  ok: boolean;
  entries: number;
  head: string | null;
  brokenAt: number | null;
  reason: string | null;
  assessmentEntries: number | null;
  divergence?: AuditDivergence | null;
  anchor?: { source: string; seq: number; reason: 'missing' | 'differs' } | null;
  backupsChecked?: number;
};

export type EvidenceView = EvidenceRecord;

export type EvidenceFile = { fileName: string; mediaType: string; content: string; sha256: string };

/** A mapped answer from another assessment of the same organization, offered to the user (never applied by itself). */
export type SuggestionView = {
  /** Key of our control (see AnswerView.controlKey). */
  controlKey: string;
  relation: 'equal' | 'subset' | 'superset' | 'intersect';
  rationale: Localized;
  mappingId: string;
  /** Where the mapping comes from (its file's provenance): an official table, derived from one, or our own analysis. */
  provenance: 'official' | 'derived-from-official' | 'own-analysis';
  source: {
    assessmentId: string;
    assessmentName: string;
    catalogId: string;
    version: string;
    controlId: string;
    controlKey: string;
    title: Localized;
    value: string;
    valueLabel: Localized;
    answeredAt: string;
  };
  proposedValue: string | null;
};

/** An assessment that includes the catalog of a roll-up (the screen offers each as a column). */
export type RollupCandidate = {
  id: string;
  name: string;
  organization: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  status: string;
  version: string;
};
/** Several assessments of one catalog side by side (src/core/assessment/rollup.ts says how it is counted). */
export type RollupView = Rollup & {
  catalog: { catalogId: string; title: Localized };
  candidates: RollupCandidate[];
};
