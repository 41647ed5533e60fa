import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../src/main/app/static-files';
import { startWebShell, type WebShell } from '../../src/main/web/server';
import { freshRuntime, snapshotTables, tempDir } from '../support/workspace';

let shell: WebShell | null = null;
afterEach(async () => {
  await shell?.close();
  shell = null;
});

async function start() {
  const rt = await freshRuntime();
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  shell = await startWebShell(rt.ctx, { rendererDir });
  return { rt, shell, rendererDir };
}

const post = (s: WebShell, channel: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${s.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('browser shell', () => {
  it('listens on 127.0.0.1 only and prints a URL with the per-run token', async () => {
    const { shell: s } = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);
    expect(s.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers a request with the token and the same origin', async () => {
    const { shell: s } = await start();
    const res = await post(s, 'catalogs.list', {}, { Authorization: `Bearer ${s.token}`, Origin: s.origin });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: unknown[] };
    expect(body.ok).toBe(true);
    expect(body.value.length).toBeGreaterThan(0);
  });

  it('refuses a request without the token (401), from another origin (403), or with bad input (400), writing nothing', async () => {
    const { rt, shell: s } = await start();
    const before = snapshotTables(rt.ctx.db);
    const create = { name: 'x', catalog: 'ipa-web-meeting' };
    expect((await post(s, 'assessments.create', create, { Origin: s.origin })).status).toBe(401);
    expect(
      (await post(s, 'assessments.create', create, { Authorization: 'Bearer wrong-token', Origin: s.origin })).status,
    ).toBe(401);
    expect(
      (
        await post(s, 'assessments.create', create, {
          Authorization: `Bearer ${s.token}`,
          Origin: 'http://evil.example',
        })
      ).status,
    ).toBe(403);
    expect((await post(s, 'assessments.create', create, { Authorization: `Bearer ${s.token}` })).status).toBe(403);
    const bad = await post(
      s,
      'assessments.create',
      { name: '' },
      { Authorization: `Bearer ${s.token}`, Origin: s.origin },
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { key: string; message: string } };
    expect(body.error.key).toBe('badInput');
    expect(body.error.message).toMatch(/入力が正しくありません/);
    expect((await post(s, 'nope.nope', {}, { Authorization: `Bearer ${s.token}`, Origin: s.origin })).status).toBe(404);
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('accepts an evidence file of several megabytes through HTTP, and refuses a body beyond the largest allowed request', async () => {
    const { rt, shell: s } = await start();
    const a = (await (
      await post(
        s,
        'assessments.create',
        { name: 'x', catalog: 'ipa-web-meeting' },
        { Authorization: `Bearer ${s.token}`, Origin: s.origin },
      )
    ).json()) as { value: { id: string } };
    const content = Buffer.alloc(5 * 1024 * 1024, 7).toString('base64');
    const res = await post(
      s,
      'evidence.add',
      { assessmentId: a.value.id, controlKeys: ['S-1.1'], fileName: 'big.bin', content },
      { Authorization: `Bearer ${s.token}`, Origin: s.origin },
    );
    expect(res.status).toBe(200);
    const before = snapshotTables(rt.ctx.db);
    const huge = await post(
      s,
      'evidence.add',
      { assessmentId: a.value.id, controlKeys: [], fileName: 'x', content: 'A'.repeat(60 * 1024 * 1024) },
      { Authorization: `Bearer ${s.token}`, Origin: s.origin },
    );
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: { params: { field: string } } }).error.params.field).toBe('body');
    // A channel that carries no file gets a small limit: 3 MB of comment is refused before anything runs.
    const chatty = await post(
      s,
      'answers.set',
      { assessmentId: a.value.id, controlKey: 'S-1.1', comment: 'あ'.repeat(1024 * 1024) },
      { Authorization: `Bearer ${s.token}`, Origin: s.origin },
    );
    expect(chatty.status).toBe(400);
    expect(((await chatty.json()) as { error: { params: { field: string } } }).error.params.field).toBe('body');
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it('takes exactly the JSON media type (parameters allowed) and refuses a search text with a NUL as bad input, not a crash', async () => {
    const { shell: s } = await start();
    const auth = { Authorization: `Bearer ${s.token}`, Origin: s.origin };
    expect(
      (await post(s, 'catalogs.list', {}, { ...auth, 'Content-Type': 'application/json; charset=utf-8' })).status,
    ).toBe(200);
    expect((await post(s, 'catalogs.list', {}, { ...auth, 'Content-Type': 'application/jsonp' })).status).toBe(400);
    expect((await post(s, 'catalogs.list', {}, { ...auth, 'Content-Type': 'application/json-seq' })).status).toBe(400);
    const nul = await post(s, 'catalogs.search', { query: 'ab\u0000c' }, auth);
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { error: { key: string; params: { field: string } } }).error).toMatchObject({
      key: 'badInput',
      params: { field: 'query' },
    });
    expect((await post(s, 'catalogs.search', { query: '暗号' }, auth)).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { shell: s } = await start();
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: s.port,
          path: '/api/catalogs.list',
          method: 'POST',
          headers: {
            Host: 'evil.example',
            Authorization: `Bearer ${s.token}`,
            Origin: 'http://evil.example',
            'Content-Type': 'application/json',
          },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the renderer with a strict CSP', async () => {
    const { shell: s } = await start();
    const res = await fetch(`${s.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${s.origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });
});

describe('static path guard', () => {
  it('resolves files inside the root and nothing outside it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), 'x');
    writeFileSync(join(root, 'assets', 'a.js'), 'x');
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js?v=1')).toBe(join(root, 'assets', 'a.js'));
    for (const bad of [
      '/../secret',
      '/assets/../../secret',
      '/%2e%2e/secret',
      '/..%2fsecret',
      '/assets%5c..%5c..%5csecret',
      '/%00',
      '/assets/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, bad)).toBeNull();
    }
  });
});
