import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/util/canonical-json';
import { sha256Hex } from '../../src/core/util/sha256';
import { call } from '../../src/main/api/dispatch';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { freshRuntime } from '../support/workspace';

// The history chain is hashed with node:crypto; the core's own SHA-256 (which other copies and older versions used)
// must give the very same hashes, or a workspace written before would fail its check.
describe('history chain hashes', () => {
  it('are the core SHA-256 of the previous hash and the entry, for any text an answer can hold', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'assessments.create', { name: '髙﨑 𠮷野家 😀', catalog: 'pci-dss@4.0.1' });
    const key = (await call(rt.ctx, 'assessments.get', { id: a.id })).controls.find((c) => c.assessable)?.controlId;
    for (const comment of ['鍵\u0000と\ud800だけ', '\udfff末尾', '＝SUM(A1)\r\n"引用"', 'e\u0301 ﬁ ①'])
      await call(rt.ctx, 'answers.set', { assessmentId: a.id, controlKey: key, value: 'in_place', comment });
    const rows = rt.ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(4);
    for (const { hash, prev_hash, ...content } of rows)
      expect(hash, String(content.seq)).toBe(sha256Hex(String(prev_hash) + canonicalJson(content)));
    expect(verifyAuditChain(rt.ctx.db)).toMatchObject({ ok: true, entries: rows.length });
    rt.close();
  });
});
