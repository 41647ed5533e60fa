import type { AnswerValue, LocalizedText } from '../../core/catalog/format';

export type Language = 'ja' | 'en';
export type Localized = LocalizedText;
export type PartialLocalized = { ja?: string | undefined; en?: string | undefined };

export type AppInfo = {
  name: string;
  version: string;
  dataDir: string;
  portable: boolean;
  schemaVersion: number;
  shell: 'electron' | 'web' | 'cli';
};

export type Settings = { language: Language; userName: string };

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
};

export type OrganizationSummary = { id: string; name: string; assessmentCount: number };

export type AssessmentStatus = 'draft' | 'in_review' | 'final';

export type Progress = { answered: number; total: number };

export type AssessmentSummary = {
  id: string;
  name: string;
  organization: { id: string; name: string } | null;
  catalog: { ref: number; catalogId: string; version: string; title: Localized };
  status: AssessmentStatus;
  createdAt: string;
  updatedAt: string;
  progress: Progress;
};

export type ControlView = {
  controlId: string;
  parentId: string | null;
  depth: number;
  assessable: boolean;
  mandatory: boolean;
  title: Localized;
  description: PartialLocalized | null;
  guidance: PartialLocalized | null;
  evidence: { ja: string[]; en: string[] } | null;
  tags: string[];
  unverified: string | null;
};

export type AnswerView = {
  controlId: string;
  value: string | null;
  comment: string;
  justification: string;
  updatedAt: string;
  updatedBy: string;
  revision: number;
};

export type AssessmentDetail = AssessmentSummary & {
  scope: string;
  answerScale: AnswerValue[];
  controls: ControlView[];
  answers: AnswerView[];
};

export type AnswerSaved = { answer: AnswerView; progress: Progress };
