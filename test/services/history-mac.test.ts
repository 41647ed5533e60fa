import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { HISTORY_MAC_KEY_FILE } from '../../src/main/assessments/history-mac';
import type { Runtime } from '../../src/main/app/runtime';
import { freshRuntime, snapshotTables } from '../support/workspace';

const ORG_KEY = 'a1'.repeat(32);
const OTHER_KEY = 'b2'.repeat(32);
const withKey = (rt: Runtime, key: string) => writeFileSync(join(rt.ctx.paths.dataDir, HISTORY_MAC_KEY_FILE), key);

async function exportedDemo(key: string | null) {
  const rt = await freshRuntime();
  if (key) withKey(rt, key);
  const demo = await call(rt.ctx, 'demo.create', {});
  const text = Buffer.from((await call(rt.ctx, 'assessments.export', { id: demo.id })).content, 'base64').toString();
  return JSON.parse(text) as Record<string, unknown> & {
    history: { actor: string; newValue: unknown }[];
    historyAnchor?: { entries: number; head: string; mac: { keyId: string; value: string } };
  };
}

async function importInto(key: string | null, doc: unknown) {
  const rt = await freshRuntime();
  if (key) withKey(rt, key);
  const before = snapshotTables(rt.ctx.db);
  const result = await call(rt.ctx, 'assessments.import', { content: JSON.stringify(doc) }).then(
    (v) => ({ ok: true as const, v }),
    (e: { key?: string; params?: Record<string, unknown> }) => ({ ok: false as const, key: e.key, params: e.params }),
  );
  if (!result.ok) {
    // A refused import changes nothing and leaves no evidence file behind.
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
    const dir = rt.ctx.paths.evidenceDir;
    expect(
      existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => !String(f).endsWith('/')) : [],
    ).toEqual([]);
  }
  return result;
}

describe('history MAC over the assessment file (organization key in the workspace)', () => {
  it('is carried by an export where a key is configured, and not otherwise', async () => {
    const signed = await exportedDemo(ORG_KEY);
    expect(signed.historyAnchor).toMatchObject({ entries: signed.history.length, mac: { alg: 'HMAC-SHA256' } });
    expect((await exportedDemo(null)).historyAnchor).toBeUndefined();
  });

  it('is verified on import with the same key; any rewrite of the history or the MAC is refused, naming the key', async () => {
    const doc = await exportedDemo(ORG_KEY);
    const keyId = doc.historyAnchor?.mac.keyId;
    expect(await importInto(ORG_KEY, doc)).toMatchObject({ ok: true });

    // Someone rewrites who made an entry and recomputes the head (as anyone can): the MAC no longer matches.
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../src/core/util/canonical-json');
    const rewritten = structuredClone(doc);
    (rewritten.history[1] as { actor: string }).actor = 'someone else';
    (rewritten.historyAnchor as { head: string }).head = createHash('sha256')
      .update(canonicalJson(rewritten.history))
      .digest('hex');
    expect(await importInto(ORG_KEY, rewritten)).toMatchObject({
      ok: false,
      key: 'historyMacMismatch',
      params: { keyId },
    });

    // The history changed but the anchor left as it was: the head itself does not fit.
    const edited = structuredClone(doc);
    (edited.history[1] as { actor: string }).actor = 'someone else';
    expect(await importInto(null, edited)).toMatchObject({ ok: false, key: 'historyAnchorMismatch' });

    // The MAC stripped: a workspace with the key refuses it; one without still takes it (it has nothing to check with).
    const stripped = structuredClone(doc);
    delete stripped.historyAnchor;
    expect(await importInto(ORG_KEY, stripped)).toMatchObject({ ok: false, key: 'historyMacMissing' });
    expect(await importInto(null, stripped)).toMatchObject({ ok: true });

    // A MAC made with another organization's key.
    expect(await importInto(OTHER_KEY, doc)).toMatchObject({
      ok: false,
      key: 'historyMacForeignKey',
      params: { keyId },
    });
  });

  it('refuses to work with a key file that is not a key, saying which file', async () => {
    const rt = await freshRuntime();
    withKey(rt, 'password123');
    const demo = await call(rt.ctx, 'demo.create', {});
    await expect(call(rt.ctx, 'assessments.export', { id: demo.id })).rejects.toMatchObject({
      key: 'historyKeyInvalid',
      params: { file: join(rt.ctx.paths.dataDir, HISTORY_MAC_KEY_FILE) },
    });
  });
});
