import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../src/main/web/server';
import { freshRuntime, snapshotTables, tempDir } from '../support/workspace';

const shells: WebShell[] = [];
afterEach(async () => {
  while (shells.length) await shells.pop()?.close();
});

async function start() {
  const rt = await freshRuntime();
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const s = await startWebShell(rt.ctx, { rendererDir });
  shells.push(s);
  const post = async (channel: string, body: unknown) => {
    const res = await fetch(`${s.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, Origin: s.origin },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        ok: boolean;
        value?: Record<string, unknown>;
        error?: { key: string; message: string; params: Record<string, unknown> };
      },
    };
  };
  return { rt, post };
}

const PASS = 'correct horse battery staple';

describe('sealed packages through the browser shell', () => {
  it('seals on one workspace and opens on another over HTTP; a wrong passphrase is a 400 with the message, nothing changed', async () => {
    const from = await start();
    const demo = await from.post('demo.create', {});
    const id = String(demo.body.value?.id);
    const sealed = await from.post('assessments.exportSealed', { id, passphrase: PASS });
    expect(sealed.status).toBe(200);
    const content = String(sealed.body.value?.content);

    const to = await start();
    const before = snapshotTables(to.rt.ctx.db);
    const wrong = await to.post('assessments.importSealed', { content, passphrase: `${PASS}.` });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.key).toBe('sealedOpenFailed');
    expect(wrong.body.error?.message).toMatch(/パスフレーズが違うか/);
    expect(JSON.stringify(wrong.body)).not.toContain(PASS);
    // A package bigger than the small default request limit still reaches the service (its own limit applies).
    const padded = Buffer.concat([Buffer.from(content, 'base64'), Buffer.alloc(3 * 1024 * 1024)]).toString('base64');
    expect((await to.post('assessments.importSealed', { content: padded, passphrase: PASS })).body.error?.key).toBe(
      'sealedOpenFailed',
    );
    expect(snapshotTables(to.rt.ctx.db)).toEqual(before);

    const opened = await to.post('assessments.importSealed', { content, passphrase: PASS });
    expect(opened.status).toBe(200);
    expect(opened.body.value).toMatchObject({ id, name: demo.body.value?.name });
    const a = await from.post('assessments.export', { id });
    const b = await to.post('assessments.export', { id });
    expect(b.body.value?.content).toBe(a.body.value?.content);
  }, 120_000);
});
