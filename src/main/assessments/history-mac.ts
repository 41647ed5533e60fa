import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssessmentFile } from '../../core/exchange/assessment-file';
import { canonicalJson } from '../../core/util/canonical-json';
import { AppError } from '../../shared/api/errors';
import type { WorkspacePaths } from '../workspace/paths';

/**
 * A MAC over an assessment file's history head, with a key the organization keeps (#16). The history already has to
 * replay to the file's answers, evidence and status (exchange.ts), so a MAC over the history covers what the file
 * says; but anyone can recompute a history, so only a key they do not have makes a rewrite detectable.
 *
 * The key is `history-mac.key` in the workspace folder (64 or more hex characters, e.g. `openssl rand -hex 32`),
 * copied to every workspace that should trust the organization's files. Where it is present, every exported file
 * carries `historyAnchor` (entries, head = SHA-256 of the canonical history, and the HMAC-SHA256 over them with the
 * key's id), and every imported file must carry a MAC made with that key: a missing, foreign or wrong MAC is refused,
 * naming the key. Without a key, a file's anchor is still checked against its history (its head), not its MAC.
 */
export const HISTORY_MAC_KEY_FILE = 'history-mac.key';

export type HistoryKey = { id: string; bytes: Buffer };
export type HistoryAnchor = NonNullable<AssessmentFile['historyAnchor']>;

export function historyKey(paths: Pick<WorkspacePaths, 'dataDir'>): HistoryKey | null {
  const file = join(paths.dataDir, HISTORY_MAC_KEY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('internal', 'historyKeyInvalid', { file, detail: (e as Error).message });
  }
  if (!/^[0-9a-fA-F]{64,1024}$/.test(text) || text.length % 2 !== 0)
    throw new AppError('internal', 'historyKeyInvalid', { file, detail: 'not 64 or more hex characters' });
  const bytes = Buffer.from(text, 'hex');
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), bytes };
}

const headOf = (f: Pick<AssessmentFile, 'history'>) =>
  createHash('sha256').update(canonicalJson(f.history), 'utf8').digest('hex');

const macOf = (key: HistoryKey, assessmentId: string, entries: number, head: string) =>
  createHmac('sha256', key.bytes).update(canonicalJson({ assessmentId, entries, head }), 'utf8').digest('hex');

/** The anchor an export carries, or undefined where no key is configured (the file is then as before). */
export function historyAnchorFor(
  key: HistoryKey | null,
  f: Pick<AssessmentFile, 'history' | 'assessment'>,
): HistoryAnchor | undefined {
  if (!key) return undefined;
  const head = headOf(f);
  const entries = f.history.length;
  return {
    entries,
    head,
    mac: { alg: 'HMAC-SHA256', keyId: key.id, value: macOf(key, f.assessment.id, entries, head) },
  };
}

/** Refuses a file whose anchor does not fit its history, or whose MAC this workspace's key does not confirm. */
export function checkHistoryAnchor(key: HistoryKey | null, f: AssessmentFile): void {
  const anchor = f.historyAnchor;
  if (!anchor) {
    if (key) throw new AppError('bad_input', 'historyMacMissing', { keyId: key.id });
    return;
  }
  const head = headOf(f);
  if (anchor.entries !== f.history.length || anchor.head !== head)
    throw new AppError('bad_input', 'historyAnchorMismatch', {
      entries: anchor.entries,
      found: f.history.length,
    });
  if (!key) return;
  if (anchor.mac.keyId !== key.id)
    throw new AppError('bad_input', 'historyMacForeignKey', { keyId: anchor.mac.keyId, ours: key.id });
  const want = Buffer.from(macOf(key, f.assessment.id, anchor.entries, head), 'hex');
  const got = Buffer.from(anchor.mac.value, 'hex');
  if (got.length !== want.length || !timingSafeEqual(got, want))
    throw new AppError('bad_input', 'historyMacMismatch', { keyId: key.id });
}
