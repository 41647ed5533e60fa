import { TENKEN_OSCAL_NS } from '../constants';

// What the OSCAL results and POA&M are made from, and the small types their builders share.

// The one namespace of Tenken's props in every OSCAL document we write (the catalog export uses it too), so a
// reader needs to know a single URI.
export { TENKEN_OSCAL_NS };

/** The OSCAL version of the schemas we validate against (their $id is …/oscal/1.2.1/…). */
export const OSCAL_RESULTS_VERSION = '1.2.1';

export type OscalAnswer = {
  /** As printed in the catalog, e.g. "1.2.1", "A3.2.5", "9.4.2.1.B", "ac-2.1". */
  controlId: string;
  title: { ja: string; en: string };
  /** Our answer value id (null = unanswered). */
  value: string | null;
  /** Label of the value in the report language. */
  valueLabel: string | null;
  meaning: 'compliant' | 'partial' | 'noncompliant' | 'not_applicable' | 'not_tested' | 'unknown' | null;
  comment: string;
  justification: string;
  owner: string;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  remediation: string;
  markedForReview: boolean;
  customizedApproach: boolean;
  /** ISO 8601 with Z. */
  updatedAt: string | null;
  updatedBy: string | null;
  revision: number;
  evidenceSha256: string[];
};

export type OscalPart = {
  catalogId: string;
  version: string;
  title: { ja: string; en: string };
  sourceUrl: string | null;
  profile: string | null;
  answers: OscalAnswer[];
};

export type OscalInput = {
  assessment: {
    id: string;
    name: string;
    organization: string | null;
    scope: string;
    assessors: string;
    periodStart: string | null;
    periodEnd: string | null;
    status: 'draft' | 'in_review' | 'final';
    createdAt: string;
    updatedAt: string;
  };
  /** One or several catalogs per assessment. */
  parts: OscalPart[];
  evidence: {
    fileName: string;
    sha256: string;
    size: number;
    mediaType: string;
    addedBy: string;
    addedAt: string;
    controls: { catalogId: string; controlId: string }[];
  }[];
  audit: { head: string | null; ok: boolean; entries: number };
  /** The report snapshots (one per catalog) the document was made from; props `snapshot-id` / `snapshot-sha256`. */
  snapshots?: { catalogId: string; id: string; sha256: string }[] | undefined;
  /** ISO UTC with Z. */
  generatedAt: string;
  appVersion: string;
  /** Language of the titles and labels written into the documents. */
  lang: 'ja' | 'en';
};

export type Obj = Record<string, unknown>;
export type Lang = OscalInput['lang'];
export type Meaning = NonNullable<OscalAnswer['meaning']>;
export type Evidence = OscalInput['evidence'][number];
export type Prop = { name: string; ns: string; value: string; group?: string; remarks?: string };
