import { en } from '../wording/en';
import { ja, type Wording } from '../wording/ja';
import type { ReportLanguage } from './labels';

/** A report snapshot's id and SHA-256 (see snapshot.ts), and how the cover prints them. */
export type SnapshotRef = { id: string; sha256: string };

export type SnapshotWording = Wording['snapshot'];
export const SNAPSHOT_WORDING: Readonly<Record<ReportLanguage, SnapshotWording>> = { ja: ja.snapshot, en: en.snapshot };

/** The cover with the snapshot's rows appended (printed on the PDF cover and the XLSX summary sheet). */
export function snapshotFields<C extends { fields: { label: string; value: string }[] }>(
  cover: C,
  ref: SnapshotRef | undefined,
  lang: ReportLanguage,
): C {
  if (!ref) return cover;
  const W = SNAPSHOT_WORDING[lang];
  return {
    ...cover,
    fields: [...cover.fields, { label: W.id, value: ref.id }, { label: W.sha256, value: ref.sha256 }],
  };
}
