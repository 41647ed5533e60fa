import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/util/canonical-json';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  assessmentId: string | null;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
  appVersion: string;
};

type AuditRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  assessment_id: string | null;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  app_version: string;
  prev_hash: string;
  hash: string;
};

/**
 * node:crypto, not the core's SHA-256 in TypeScript (the core's merge plan chains with that one): the same digest,
 * since the hashed text is JSON whose strings are all escaped (no lone surrogate to encode differently), at a
 * fourteenth of the time — most of what a save cost beyond its writes, and of `audit verify`.
 */
function rowHash(prevHash: string, r: Omit<AuditRow, 'seq' | 'hash' | 'prev_hash'> & { seq: number }): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(r), 'utf8')
    .digest('hex');
}

/**
 * Appends one history entry chained to the previous one. Call inside the transaction of the change it
 * records, so the change and its history commit together or not at all.
 */
export function appendAudit(db: Db, e: AuditEntry): void {
  const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const prev = last?.hash ?? GENESIS_HASH;
  const seq = (last?.seq ?? 0) + 1;
  const row = {
    seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    assessment_id: e.assessmentId,
    entity: e.entity,
    entity_id: e.entityId,
    old_value: e.oldValue === undefined ? null : JSON.stringify(e.oldValue),
    new_value: e.newValue === undefined ? null : JSON.stringify(e.newValue),
    app_version: e.appVersion,
  };
  stmt(
    db,
    `INSERT INTO audit_log (seq, at, actor, action, assessment_id, entity, entity_id, old_value, new_value, app_version, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @assessment_id, @entity, @entity_id, @old_value, @new_value, @app_version, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
}

export type ChainCheck =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; brokenAt: number; reason: 'hash' | 'link' | 'gap' };

/** Recomputes the whole chain; an edited, inserted or deleted row breaks it at that row. */
export function verifyAuditChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    n++;
    if (r.seq !== expectedSeq) return { ok: false, entries: n, brokenAt: expectedSeq, reason: 'gap' };
    if (r.prev_hash !== prev) return { ok: false, entries: n, brokenAt: r.seq, reason: 'link' };
    const { hash, prev_hash: _p, ...content } = r;
    if (rowHash(prev, content) !== hash) return { ok: false, entries: n, brokenAt: r.seq, reason: 'hash' };
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: n, head: prev };
}
