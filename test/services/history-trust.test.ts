import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/util/canonical-json';
import { sha256Hex } from '../../src/core/util/sha256';
import { call } from '../../src/main/api/dispatch';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../src/main/audit/audit-log';
import { runCli } from '../../src/main/cli/main';
import type { Db } from '../../src/main/db/connection';
import { createBackup } from '../../src/main/workspace/backup';
import { freshRuntime, snapshotTables } from '../support/workspace';

type Runtime = Awaited<ReturnType<typeof freshRuntime>>;
type Entry = {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
  appVersion: string;
};
type FileDoc = {
  assessment: { status: string };
  catalogs: { catalog: string; profile: string | null }[];
  answers: { catalog: string; controlId: string; value: string | null; justification: string; comment: string }[];
  evidence: { fileName: string; mediaType: string; size: number; sha256: string; content: string }[];
  history: Entry[];
};

const exported = async (rt: Runtime, id: string) =>
  Buffer.from((await call(rt.ctx, 'assessments.export', { id })).content, 'base64').toString('utf8');

/** The sample engagement (two catalogs, evidence, revised answers, an undo) exported as an assessment file. */
async function sample() {
  const rt = await freshRuntime();
  const demo = await call(rt.ctx, 'demo.create', {});
  await call(rt.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.2',
    value: 'partial',
    dueDate: '2026-12-31',
  });
  await call(rt.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.2',
    value: 'implemented',
  });
  await call(rt.ctx, 'answers.undo', { assessmentId: demo.id });
  const text = await exported(rt, demo.id);
  return { rt, demo, text, doc: JSON.parse(text) as FileDoc };
}

/** Indices (0-based) of the answer entries of a control written at least twice, first two. */
function twiceWritten(doc: FileDoc): [number, number, string] {
  const byKey = new Map<string, number[]>();
  doc.history.forEach((h, i) => {
    if (h.action === 'answer.set' || h.action === 'answer.undo')
      byKey.set(h.entityId, [...(byKey.get(h.entityId) ?? []), i]);
  });
  const [key, at] = [...byKey].find(([, v]) => v.length >= 2) as [string, number[]];
  return [at[0] as number, at[1] as number, key];
}

function evidenceFiles(rt: Runtime): string[] {
  const dir = rt.ctx.paths.evidenceDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** Imports into a fresh workspace and expects a refusal that changes nothing there and leaves no evidence file. */
async function refused(doc: unknown, expected: Record<string, unknown>) {
  const other = await freshRuntime();
  const before = snapshotTables(other.ctx.db);
  const err = await call(other.ctx, 'assessments.import', { content: JSON.stringify(doc) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toMatchObject(expected);
  expect(snapshotTables(other.ctx.db)).toEqual(before);
  expect(evidenceFiles(other)).toEqual([]);
  return err as { key: string; params: Record<string, unknown> };
}

function unlock(db: Db): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
}

/** What someone who knows the hash rule does after editing an entry: every hash from there on computed again. */
function recomputeChain(db: Db, fromSeq: number): void {
  let prev =
    fromSeq === 1
      ? GENESIS_HASH
      : (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(fromSeq - 1) as { hash: string }).hash;
  for (const r of db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(fromSeq) as Record<
    string,
    unknown
  >[]) {
    const { hash: _h, prev_hash: _p, ...content } = r;
    const hash = sha256Hex(prev + canonicalJson(content));
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

describe('an assessment file whose history does not prove its contents is refused, naming the entry', () => {
  it('a genuine file imports, and audit verify replays it there', async () => {
    const { text, demo } = await sample();
    const other = await freshRuntime();
    await call(other.ctx, 'assessments.import', { content: text });
    expect(await exported(other, demo.id)).toBe(text);
    expect(await call(other.ctx, 'audit.verify', {})).toMatchObject({ ok: true, reason: null, divergence: null });
  });

  it('refuses a rewritten, deleted, reordered or invented entry and answers that contradict the history', async () => {
    const { doc } = await sample();
    const [first, second, key] = twiceWritten(doc);

    const rewritten = structuredClone(doc);
    (rewritten.history[first]!.newValue as { comment: string }).comment = 'いつの間にか書き換えた';
    await refused(rewritten, {
      key: 'assessmentFileHistoryContradicts',
      params: { entry: second + 1, key, field: 'comment' },
    });

    const deleted = structuredClone(doc);
    deleted.history.splice(first, 1);
    await refused(deleted, { key: 'assessmentFileHistoryContradicts', params: { entry: second, key } });

    const reordered = structuredClone(doc);
    [reordered.history[first], reordered.history[second]] = [reordered.history[second]!, reordered.history[first]!];
    await refused(reordered, { key: 'assessmentFileHistoryContradicts', params: { entry: first + 1, key } });

    // An invented entry that follows on from the real one, but the answers were not changed to match it.
    const invented = structuredClone(doc);
    const last = invented.history.filter((h) => h.entityId === key && h.action.startsWith('answer.')).pop()!;
    invented.history.push({
      ...last,
      at: '2026-07-01T00:00:00.000Z',
      action: 'answer.set',
      oldValue: last.newValue,
      newValue: { ...(last.newValue as object), comment: '監査前に追記' },
    });
    await refused(invented, {
      key: 'assessmentFileHistoryDiffers',
      params: { entry: invented.history.length, subject: 'answer', key, field: 'comment' },
    });

    // The answers edited, the history left as it was.
    const contradicting = structuredClone(doc);
    const answer = contradicting.answers.find((a) => a.catalog === 'ismap' && a.value === 'implemented')!;
    answer.value = 'not_implemented';
    const lastOf = doc.history
      .map((h, i) => ({ h, i }))
      .filter(({ h }) => h.entityId === answer.controlId && h.action.startsWith('answer.'))
      .pop()!;
    await refused(contradicting, {
      key: 'assessmentFileHistoryDiffers',
      params: {
        entry: lastOf.i + 1,
        subject: 'answer',
        key: answer.controlId,
        field: 'value',
        expected: '"implemented"',
        stored: '"not_implemented"',
      },
    });

    // A status the history never reached.
    const finalized = structuredClone(doc);
    finalized.assessment.status = 'final';
    await refused(finalized, {
      key: 'assessmentFileHistoryDiffers',
      params: { subject: 'status', expected: '"draft"', stored: '"final"' },
    });

    // An evidence link the history never recorded.
    const linked = structuredClone(doc) as FileDoc & {
      evidence: { controls: { catalog: string; controlId: string }[] }[];
    };
    const controls = linked.evidence[0]!.controls;
    const unlinked = doc.answers.find(
      (a) => a.catalog === 'ismap' && !controls.some((c) => c.controlId === a.controlId),
    )!;
    controls.push({ catalog: 'ismap', controlId: unlinked.controlId });
    await refused(linked, {
      key: 'assessmentFileHistoryUnrecorded',
      params: { subject: 'link', key: unlinked.controlId },
    });
  }, 90_000);
});

describe('the importer keeps the rules the API enforces', () => {
  it('refuses an out-of-scale value, 除外 without justification, an over-limit or path-named or html-typed evidence file: nothing written, no file left', async () => {
    const { doc } = await sample();
    const outOfScale = structuredClone(doc);
    outOfScale.answers[0]!.value = 'totally_fine';
    await refused(outOfScale, {
      key: 'answerValueUnknown',
      params: { value: 'totally_fine', control: doc.answers[0]!.controlId },
    });

    const unjustified = structuredClone(doc);
    const ex = unjustified.answers.find((a) => a.catalog === 'ismap')!;
    ex.value = 'excluded';
    ex.justification = '  ';
    await refused(unjustified, { key: 'justificationRequired', params: { value: 'excluded', control: ex.controlId } });

    const pathName = structuredClone(doc);
    pathName.evidence[0]!.fileName = '../../../../tmp/evil.sh';
    await refused(pathName, {
      key: 'assessmentFileEvidenceName',
      params: { file: '../../../../tmp/evil.sh', safe: 'evil.sh' },
    });
    const bidi = structuredClone(doc);
    bidi.evidence[0]!.fileName = 'invoice\u202Efdp.exe';
    await refused(bidi, {
      key: 'assessmentFileEvidenceName',
      params: { file: 'invoice\\u{202e}fdp.exe', safe: 'invoicefdp.exe' },
    });

    const html = structuredClone(doc);
    const txt = html.evidence.find((e) => e.mediaType === 'text/plain')!;
    txt.mediaType = 'text/html';
    await refused(html, { key: 'assessmentFileEvidenceType', params: { type: 'text/html' } });
    const disguised = structuredClone(doc);
    disguised.evidence.find((e) => e.mediaType === 'image/png')!.mediaType = 'application/pdf';
    await refused(disguised, {
      key: 'assessmentFileEvidenceType',
      params: { type: 'application/pdf', content: 'image/png' },
    });

    const big = structuredClone(doc);
    const bytes = Buffer.alloc(25 * 1024 * 1024 + 1, 0x41);
    Object.assign(big.evidence[0]!, {
      content: bytes.toString('base64'),
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    await refused(big, { key: 'evidenceTooLarge', params: { limitMb: 25 } });
  }, 60_000);

  it('removes the evidence files it wrote when the commit itself fails', async () => {
    const { doc } = await sample();
    const broken = structuredClone(doc);
    broken.catalogs[0]!.profile = 'no-such-profile'; // refused inside the transaction, after the files were written
    await refused(broken, { key: 'profileUnknown' });
  });

  it('keeps a file another assessment already uses when an import fails', async () => {
    const { rt, doc } = await sample();
    const broken = structuredClone(doc);
    (broken as unknown as { assessment: { id: string } }).assessment.id = '00000000-0000-4000-8000-000000000001';
    broken.catalogs[0]!.profile = 'no-such-profile';
    const files = evidenceFiles(rt).sort();
    await expect(call(rt.ctx, 'assessments.import', { content: JSON.stringify(broken) })).rejects.toMatchObject({
      key: 'profileUnknown',
    });
    expect(evidenceFiles(rt).sort()).toEqual(files);
  });
});

describe('audit verify fails when the workspace history was tampered with, naming the entry', () => {
  async function workspace() {
    const { rt, demo } = await sample();
    unlock(rt.ctx.db);
    return { rt, demo, db: rt.ctx.db };
  }
  const lastSeq = (db: Db, where = '1 = 1') =>
    (db.prepare(`SELECT max(seq) AS s FROM audit_log WHERE ${where}`).get() as { s: number }).s;

  it('newest entries deleted: the answers no longer replay', async () => {
    const { rt, db } = await workspace();
    const seq = lastSeq(db, "action LIKE 'answer.%'");
    const entry = db.prepare('SELECT entity_id FROM audit_log WHERE seq = ?').get(seq) as { entity_id: string };
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(seq);
    expect(verifyAuditChain(db).ok).toBe(true); // the chain alone cannot tell
    const r = await call(rt.ctx, 'audit.verify', {});
    expect(r).toMatchObject({ ok: false, reason: 'replay', divergence: { subject: 'answer', key: entry.entity_id } });
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('newest entries deleted where nothing replays them: a backup still holds the head', async () => {
    const { rt, db } = await workspace();
    await call(rt.ctx, 'assessments.create', { name: '別件', catalog: 'ismap', organization: '別の会社' }); // ends with organization and creation entries
    const backup = await createBackup(db, rt.ctx.paths, 'manual');
    const seq = lastSeq(db);
    db.prepare("DELETE FROM assessments WHERE name = '別件'").run();
    db.prepare('DELETE FROM assessment_catalogs WHERE assessment_id NOT IN (SELECT id FROM assessments)').run();
    db.prepare("DELETE FROM audit_log WHERE seq >= ? OR action = 'organization.create' AND seq > ?").run(seq, seq - 3);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({
      ok: false,
      reason: 'anchor',
      brokenAt: seq,
      anchor: { source: backup.name, seq, reason: 'missing' },
    });
  });

  it('an entry edited and the chain recomputed: the replay names the entry', async () => {
    const { rt, db, demo } = await workspace();
    const rows = db
      .prepare(
        "SELECT seq, entity_id, new_value FROM audit_log WHERE action = 'answer.set' AND assessment_id = ? ORDER BY seq",
      )
      .all(demo.id) as { seq: number; entity_id: string; new_value: string }[];
    const counts = new Map<string, number[]>();
    for (const r of rows) counts.set(r.entity_id, [...(counts.get(r.entity_id) ?? []), r.seq]);
    const [key, seqs] = [...counts].find(([, v]) => v.length >= 2)!;
    const target = rows.find((r) => r.seq === seqs[0])!;
    db.prepare('UPDATE audit_log SET new_value = ? WHERE seq = ?').run(
      JSON.stringify({
        ...JSON.parse(target.new_value),
        value: 'not_implemented',
        comment: '当時は未実施だったことにする',
      }),
      target.seq,
    );
    recomputeChain(db, target.seq);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({
      ok: false,
      reason: 'replay',
      brokenAt: seqs[1],
      divergence: { subject: 'history', key, seq: seqs[1] },
    });
  });

  it('an entry edited and the chain recomputed where nothing replays it: a backup still holds the head', async () => {
    const { rt, db } = await workspace();
    const backup = await createBackup(db, rt.ctx.paths, 'manual');
    const seq = (
      db.prepare("SELECT min(seq) AS s FROM audit_log WHERE action = 'organization.create'").get() as { s: number }
    ).s;
    db.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run('別人', seq);
    recomputeChain(db, seq);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({
      ok: false,
      reason: 'anchor',
      anchor: { source: backup.name, reason: 'differs' },
    });
  });

  it('an entry appended with a valid hash but no matching answer', async () => {
    const { rt, demo, db } = await workspace();
    const a = (await call(rt.ctx, 'assessments.get', { id: demo.id })).answers.find((x) => x.value === 'implemented')!;
    const { controlId: _c, controlKey: _k, updatedAt: _u, updatedBy: _b, revision: _r, ...fields } = a;
    appendAudit(db, {
      at: '2026-07-01T00:00:00.000Z',
      actor: 'someone',
      action: 'answer.set',
      assessmentId: demo.id,
      entity: 'answer',
      entityId: a.controlKey,
      oldValue: fields,
      newValue: { ...fields, value: 'not_implemented' },
      appVersion: '0',
    });
    const seq = lastSeq(db);
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(await call(rt.ctx, 'audit.verify', {})).toMatchObject({
      ok: false,
      reason: 'replay',
      brokenAt: seq,
      divergence: {
        subject: 'answer',
        key: a.controlKey,
        field: 'value',
        expected: '"not_implemented"',
        stored: '"implemented"',
        seq,
      },
    });
  });

  it('an answer changed without history', async () => {
    const { rt, demo, db } = await workspace();
    db.prepare(
      "UPDATE answers SET comment = 'こっそり' WHERE assessment_id = ? AND rowid = (SELECT min(rowid) FROM answers WHERE assessment_id = ?)",
    ).run(demo.id, demo.id);
    expect(await call(rt.ctx, 'audit.verify', { assessmentId: demo.id })).toMatchObject({
      ok: false,
      reason: 'replay',
      divergence: { subject: 'answer', field: 'comment', stored: '"こっそり"', assessmentId: demo.id },
    });
  });

  it('the CLI exits non-zero naming the entry, and checks a head kept elsewhere', async () => {
    // The triggers stay until the forgery below: a start would put dropped ones back and record that (a new head).
    const { rt, demo } = await sample();
    const db = rt.ctx.db;
    const lines: string[] = [];
    const io = { out: (x: string) => lines.push(x), err: (x: string) => lines.push(x) };
    const dir = rt.ctx.paths.dataDir;
    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    const orgSeq = (
      db.prepare("SELECT max(seq) AS s FROM audit_log WHERE action = 'organization.create'").get() as { s: number }
    ).s;
    rt.close();
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify'], io)).toBe(0);
    expect(lines.pop()).toContain(`${head.seq}:${head.hash}`);
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', `${head.seq}:${head.hash}`], io)).toBe(
      0,
    );
    expect(
      await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', `${head.seq + 5}:${head.hash}`], io),
    ).toBe(1);
    expect(lines.pop()).toContain(`entry ${head.seq + 5} is missing`);

    // A report's results JSON carries the head as it was; the chain may grow after it and still holds it.
    const results = join(dir, 'results.json');
    expect(
      await runCli(['--data-dir', dir, 'report', '--assessment', demo.id, '--format', 'json', '--out', results], io),
    ).toBe(0);
    const rt1 = await import('../../src/main/app/runtime').then((m) => m.startRuntime({ dataDir: dir, shell: 'cli' }));
    await call(rt1.ctx, 'answers.set', {
      assessmentId: demo.id,
      controlKey: 'ipa-web-meeting:S-1.2',
      comment: '報告書の後の変更',
    });
    rt1.close();
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', results], io)).toBe(0);

    // Someone rewrites an organization entry and recomputes the chain: nothing replays it, the kept head differs.
    const rt2 = await import('../../src/main/app/runtime').then((m) => m.startRuntime({ dataDir: dir, shell: 'cli' }));
    unlock(rt2.ctx.db);
    rt2.ctx.db.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run('別人', orgSeq);
    recomputeChain(rt2.ctx.db, orgSeq);
    rt2.close();
    // The workspace's own record of its last entry already refuses to open it (named, nothing written) …
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', `${head.seq}:${head.hash}`], io)).toBe(
      1,
    );
    expect(lines.pop()).toMatch(/history differs from the one saved here: entry \d+/);
    // … and someone who also removes that record still meets the head kept elsewhere.
    rmSync(join(dir, 'tenken.sqlite-head'), { force: true });
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', `${head.seq}:${head.hash}`], io)).toBe(
      1,
    );
    expect(lines.pop()).toMatch(/recomputed|cut/);
    expect(await runCli(['--data-dir', dir, '--lang', 'ja', 'audit', 'verify', `${head.seq}:${head.hash}`], io)).toBe(
      1,
    );
    expect(lines.pop()).toContain(`第 ${head.seq} 件`);
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', results], io)).toBe(1);
    expect(await runCli(['--data-dir', dir, '--lang', 'en', 'audit', 'verify', join(dir, 'nothing.json')], io)).toBe(2);
  });
});
