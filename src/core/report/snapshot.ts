import { TENKEN_NAMESPACE } from '../oscal/constants';
import { sha256Hex } from '../util/sha256';
import { uuidV5 } from '../util/uuid-v5';
import { controlResults } from './control-results';
import { scoreOf, type ReportInput } from './model';
import { resultsText } from './results-json';

/**
 * The one frozen snapshot every format of a report is made from: the assessment part, its evidence, the history
 * check, the per-control results and the score, read once and deep-frozen, so the PDF, XLSX, CSV, results JSON and
 * OSCAL made from it cannot see different data (a renderer that tried to change it would throw).
 *
 * - `sha256`: SHA-256 of the canonical results JSON (results-json.ts) made from the snapshot *without* its
 *   `snapshot` field. Anyone holding any one format's results (the JSON export, or the JSON attached to the PDF)
 *   can recompute it: parse, drop `snapshot`, write canonical JSON (keys sorted, no whitespace), hash the UTF-8.
 * - `id`: a name-based UUID (v5, Tenken's namespace) of that hash, so the same data always gets the same id and
 *   different data a different one.
 *
 * Where each format records them: the PDF cover and the XLSX summary sheet (as cover rows), the CSV (two trailing
 * columns on every record, which every CSV reader keeps: a comment line is not part of RFC 4180), the results JSON
 * (`snapshot: { id, sha256 }`) and OSCAL assessment results (props `snapshot-id` / `snapshot-sha256` of the result,
 * grouped by catalog id).
 */

export { SNAPSHOT_WORDING, snapshotFields, type SnapshotRef } from './snapshot-ref';
export const SNAPSHOT_SCHEMA = 'tenken-snapshot/1';
export type ReportSnapshot = Readonly<{
  id: string;
  sha256: string;
  /** The report input with its results and score made, and `snapshot` set to this id and hash. Deep-frozen. */
  input: Readonly<ReportInput & Required<Pick<ReportInput, 'results' | 'score' | 'snapshot'>>>;
}>;

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v, seen);
  return Object.freeze(value);
}

/** The snapshot's SHA-256 of an input (its `snapshot` field left out). */
export const snapshotSha256 = (input: ReportInput): string => sha256Hex(resultsText({ ...input, snapshot: undefined }));

/** Freezes one report input as a snapshot (results and score made once, here, when not given). */
export function takeSnapshot(input: ReportInput): ReportSnapshot {
  const full = {
    ...input,
    results: input.results ?? controlResults(input.detail, input.evidence),
    score: input.score ?? scoreOf(input.detail),
  };
  const sha256 = snapshotSha256(full);
  const id = uuidV5(TENKEN_NAMESPACE, `${SNAPSHOT_SCHEMA}:${sha256}`);
  return deepFreeze({ id, sha256, input: { ...full, snapshot: { id, sha256 } } });
}
