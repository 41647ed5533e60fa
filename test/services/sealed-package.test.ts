import { createDecipheriv, scryptSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSealedHeader, MIN_PASSPHRASE_CHARS } from '../../src/core/exchange/sealed-package';
import { call } from '../../src/main/api/dispatch';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { openPayload, sealPayload } from '../../src/main/assessments/sealed';
import { runCli } from '../../src/main/cli/main';
import { freshRuntime, snapshotTables, tempDir } from '../support/workspace';

// Every derivation costs scrypt's real price (N=2^17, r=8: 128 MiB, about a second), on purpose: the tests seal and
// open with what users get. Hence the longer timeouts.
const SLOW = 120_000;
const PASS = 'くもり空 の 午後 tea-42';
const CLIENT = '株式会社ひみつ商事';
const ASSESSMENT_NAME = '2026年度 秘密の点検';

type Rt = Awaited<ReturnType<typeof freshRuntime>>;

/** The sample engagement under a client name that must not show through the package. */
async function filled() {
  const rt = await freshRuntime();
  const demo = await call(rt.ctx, 'demo.create', {});
  await call(rt.ctx, 'assessments.update', { id: demo.id, name: ASSESSMENT_NAME });
  rt.ctx.db
    .prepare('UPDATE organizations SET name = ? WHERE id = (SELECT organization_id FROM assessments WHERE id = ?)')
    .run(CLIENT, demo.id);
  await call(rt.ctx, 'answers.set', {
    assessmentId: demo.id,
    controlKey: 'ipa-web-meeting:S-1.2',
    value: 'partial',
    comment: `${CLIENT} の会議室`,
  });
  return { rt, id: demo.id };
}

const plain = async (rt: Rt, id: string) =>
  Buffer.from((await call(rt.ctx, 'assessments.export', { id })).content, 'base64');
const sealed = async (rt: Rt, id: string, passphrase = PASS) =>
  Buffer.from((await call(rt.ctx, 'assessments.exportSealed', { id, passphrase })).content, 'base64');
const importSealed = (rt: Rt, bytes: Buffer, passphrase = PASS) =>
  call(rt.ctx, 'assessments.importSealed', { content: bytes.toString('base64'), passphrase });
const headerLine = (pkg: Buffer) => pkg.subarray(0, pkg.indexOf(0x0a) + 1);
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();

describe('sealed package (tenken-sealed/1)', () => {
  it(
    'export → seal → open → export gives the same assessment file bytes, and the package shows no client',
    async () => {
      const { rt, id } = await filled();
      const first = await plain(rt, id);
      const exp = await call(rt.ctx, 'assessments.exportSealed', { id, passphrase: PASS });
      expect(exp.fileName).toBe(`${id}.tenken`);
      const pkg = Buffer.from(exp.content, 'base64');

      // The header says what it is, the KDF and its parameters, salt and nonce — and nothing else.
      const header = JSON.parse(headerLine(pkg).toString('ascii')) as Record<string, unknown>;
      expect(Object.keys(header)).toEqual(['format', 'kind', 'cipher', 'kdf', 'salt', 'nonce']);
      expect(header).toMatchObject({
        format: 'tenken-sealed/1',
        kind: 'assessment',
        cipher: 'aes-256-gcm',
        kdf: { name: 'scrypt', N: 131072, r: 8, p: 1 },
      });
      expect(pkg.length).toBe(headerLine(pkg).length + first.length + 16);
      // Grep the bytes: neither the header nor the rest carries the client, the assessment's name or ID, or a comment.
      for (const secret of [CLIENT, ASSESSMENT_NAME, id, 'の会議室', 'tenken-assessment/1', '"answers"'])
        expect(pkg.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      // A fresh salt and nonce every time: the same assessment sealed twice shares no bytes past the fixed header start.
      const again = await sealed(rt, id);
      expect(again.equals(pkg)).toBe(false);
      expect(JSON.parse(headerLine(again).toString('ascii')).salt).not.toBe(header.salt);

      const other = await freshRuntime();
      const summary = await importSealed(other, pkg);
      expect(summary).toMatchObject({ id, name: ASSESSMENT_NAME, organization: { name: CLIENT } });
      expect((await plain(other, id)).equals(first)).toBe(true);
      expect(verifyAuditChain(other.ctx.db).ok).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a wrong passphrase, one flipped byte (header, ciphertext, tag) and a cut file, with nothing changed',
    async () => {
      const { rt, id } = await filled();
      const pkg = await sealed(rt, id);
      const nl = pkg.indexOf(0x0a);
      const text = headerLine(pkg).toString('ascii');
      const flip = (at: number, mask = 0x01) => {
        const b = Buffer.from(pkg);
        b[at] = (b[at] as number) ^ mask;
        return b;
      };
      // A hex digit of the salt and of the nonce, turned into another hex digit: the header still reads, the tag fails.
      const hexFlip = (field: 'salt' | 'nonce') => {
        const at = text.indexOf(`"${field}":"`) + field.length + 4;
        const b = Buffer.from(pkg);
        b[at] = b[at] === 0x30 ? 0x31 : 0x30;
        return b;
      };
      const other = await freshRuntime();
      const before = snapshotTables(other.ctx.db);
      const filesBefore = files(other.ctx.paths.dataDir);

      const cases: [string, Promise<unknown>, string][] = [
        ['wrong passphrase', importSealed(other, pkg, `${PASS}!`), 'sealedOpenFailed'],
        ['salt', importSealed(other, hexFlip('salt')), 'sealedOpenFailed'],
        ['nonce', importSealed(other, hexFlip('nonce')), 'sealedOpenFailed'],
        ['first ciphertext byte', importSealed(other, flip(nl + 1)), 'sealedOpenFailed'],
        [
          'middle ciphertext byte',
          importSealed(other, flip(Math.floor((nl + pkg.length) / 2), 0x80)),
          'sealedOpenFailed',
        ],
        ['tag', importSealed(other, flip(pkg.length - 1)), 'sealedOpenFailed'],
        ['one byte short', importSealed(other, pkg.subarray(0, pkg.length - 1)), 'sealedOpenFailed'],
      ];
      // Derived side by side (the thread pool runs them in parallel); each must fail the tag check.
      const settled = await Promise.allSettled(cases.map(([, p]) => p));
      settled.forEach((r, i) =>
        expect(r.status === 'rejected' ? (r.reason as { key?: string }).key : 'opened', cases[i]?.[0]).toBe(
          cases[i]?.[2],
        ),
      );

      // Refused before any key is derived.
      await expect(importSealed(other, pkg.subarray(0, nl + 10)), 'header and a few bytes').rejects.toMatchObject({
        key: 'sealedTruncated',
      });
      await expect(importSealed(other, pkg.subarray(0, 40)), 'half a header').rejects.toMatchObject({
        key: 'sealedTruncated',
      });
      await expect(
        importSealed(
          other,
          Buffer.concat([
            Buffer.from(text.replace('"kind":"assessment"', '"kind":"assessmenu"')),
            pkg.subarray(nl + 1),
          ]),
        ),
      ).rejects.toMatchObject({ key: 'sealedKind' });
      await expect(importSealed(other, flip(text.indexOf('"cipher"') + 2))).rejects.toMatchObject({
        key: 'sealedHeaderInvalid',
      });
      await expect(
        importSealed(other, Buffer.concat([Buffer.from(text.replace('"kind":', '"kind": ')), pkg.subarray(nl + 1)])),
      ).rejects.toMatchObject({ key: 'sealedHeaderInvalid' });
      await expect(
        importSealed(
          other,
          Buffer.concat([Buffer.from(text.replace('tenken-sealed/1', 'tenken-sealed/2')), pkg.subarray(nl + 1)]),
        ),
      ).rejects.toMatchObject({ key: 'sealedFormat', params: { format: 'tenken-sealed/2' } });
      await expect(importSealed(other, await plain(rt, id))).rejects.toMatchObject({ key: 'sealedNotPackage' });
      await expect(importSealed(other, pkg, 'short')).rejects.toMatchObject({
        key: 'passphraseTooShort',
        params: { min: MIN_PASSPHRASE_CHARS, length: 5 },
      });

      expect(snapshotTables(other.ctx.db)).toEqual(before);
      expect(files(other.ctx.paths.dataDir)).toEqual(filesBefore);
      expect(await call(other.ctx, 'assessments.list', {})).toEqual([]);
    },
    SLOW,
  );

  it(
    'bounds the key derivation a header may ask for, and refuses it before deriving',
    async () => {
      const payload = Buffer.from('{"hello":"world"}');
      // The header's parameters are the ones used: a package sealed at the lowest accepted N opens.
      const low = await sealPayload('assessment', payload, PASS, { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
      expect((await openPayload(low, PASS, 'assessment')).equals(payload)).toBe(true);
      const text = headerLine(low).toString('ascii');
      const body = low.subarray(headerLine(low).length);
      // The layout, checked with Node's crypto by hand: the key is scrypt over the NFC passphrase, and the header line
      // (newline included) is GCM's additional data: without it the tag does not verify.
      const h0 = JSON.parse(text) as { salt: string; nonce: string };
      const key = scryptSync(Buffer.from(PASS.normalize('NFC')), Buffer.from(h0.salt, 'hex'), 32, {
        N: 2 ** 14,
        r: 8,
        p: 1,
      });
      const decrypt = (aad: Buffer | null) => {
        const d = createDecipheriv('aes-256-gcm', key, Buffer.from(h0.nonce, 'hex'));
        if (aad) d.setAAD(aad);
        d.setAuthTag(body.subarray(body.length - 16));
        return Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]);
      };
      expect(decrypt(headerLine(low)).equals(payload)).toBe(true);
      expect(() => decrypt(null)).toThrow();
      expect(() => decrypt(Buffer.from(text.replace('"r":8', '"r":9')))).toThrow();
      const withKdf = (kdf: { N: number; r: number; p: number }) => {
        const h = JSON.parse(text) as { salt: string; nonce: string };
        return Buffer.concat([
          Buffer.from(
            encodeSealedHeader({ kind: 'assessment', kdf: { name: 'scrypt', ...kdf }, salt: h.salt, nonce: h.nonce }),
          ),
          body,
        ]);
      };
      const absurd = [
        { N: 2 ** 21, r: 8, p: 1 }, // 2 GiB and minutes: refused
        { N: 2 ** 30, r: 8, p: 1 },
        { N: 2 ** 20, r: 16, p: 1 }, // 2 GiB
        { N: 2 ** 17, r: 8, p: 64 },
        { N: 2 ** 17, r: 1000, p: 1 },
        { N: 131071, r: 8, p: 1 }, // not a power of two
        { N: 2 ** 10, r: 8, p: 1 }, // too cheap to guess against: not written by Tenken
        { N: 2 ** 16, r: 1, p: 1 }, // RFC 7914's N < 2^(16·r): OpenSSL would fail inside
      ];
      for (const kdf of absurd) {
        const started = Date.now();
        await expect(openPayload(withKdf(kdf), PASS, 'assessment'), JSON.stringify(kdf)).rejects.toMatchObject({
          key: 'sealedKdfBounds',
        });
        expect(Date.now() - started, 'refused without deriving').toBeLessThan(1000);
        await expect(sealPayload('assessment', payload, PASS, { name: 'scrypt', ...kdf })).rejects.toMatchObject({
          key: 'sealedKdfBounds',
        });
      }
      // Within bounds but not what it was sealed with: the header is authenticated, so the tag fails.
      await expect(openPayload(withKdf({ N: 2 ** 15, r: 8, p: 1 }), PASS, 'assessment')).rejects.toMatchObject({
        key: 'sealedOpenFailed',
      });
    },
    SLOW,
  );

  it(
    'takes the passphrase in Unicode NFC (the same Japanese passphrase from macOS or Windows) and refuses a short one on export',
    async () => {
      const payload = Buffer.from('x');
      const composed = 'がぎぐげご ぱぴぷぺぽ 点検';
      const pkg = await sealPayload('assessment', payload, composed.normalize('NFD'), {
        name: 'scrypt',
        N: 2 ** 14,
        r: 8,
        p: 1,
      });
      expect((await openPayload(pkg, composed.normalize('NFC'), 'assessment')).equals(payload)).toBe(true);

      const { rt, id } = await filled();
      const before = snapshotTables(rt.ctx.db);
      await expect(call(rt.ctx, 'assessments.exportSealed', { id, passphrase: 'abcdefghijk' })).rejects.toMatchObject({
        key: 'passphraseTooShort',
        params: { min: 12, length: 11 },
      });
      await expect(call(rt.ctx, 'assessments.exportSealed', { id, passphrase: '' })).rejects.toMatchObject({
        key: 'badInput',
      });
      expect(snapshotTables(rt.ctx.db)).toEqual(before);
    },
    SLOW,
  );
});

describe('tenken assessment export --format sealed / import with --passphrase-file', () => {
  it(
    'round-trips through the CLI to the same assessment file bytes; the passphrase comes only from a file',
    async () => {
      const { rt, id } = await filled();
      rt.close();
      const dir = tempDir();
      const passFile = join(dir, 'pass.txt');
      writeFileSync(passFile, `${PASS}\r\n2行目は使わない\n`);
      const lines: string[] = [];
      const io = {
        out: (s: string) => {
          lines.push(s);
        },
        err: (s: string) => {
          lines.push(s);
        },
      };
      const cli = (...argv: string[]) => runCli(['--lang', 'en', ...argv], io);
      const src = rt.ctx.paths.dataDir;
      const json = join(dir, 'a.json');
      const pkg = join(dir, 'a.tenken');

      expect(await cli('--data-dir', src, 'assessment', 'export', id, '--format', 'json', '--out', json)).toBe(0);
      expect(
        await cli(
          '--data-dir',
          src,
          'assessment',
          'export',
          id,
          '--format',
          'sealed',
          '--out',
          pkg,
          '--passphrase-file',
          passFile,
        ),
      ).toBe(0);
      expect(lines.at(-1)).toMatch(/^Sealed the assessment into .*a\.tenken/);
      const bytes = readFileSync(pkg);
      expect(bytes.subarray(0, 26).toString()).toBe('{"format":"tenken-sealed/1');
      expect(bytes.includes(Buffer.from(CLIENT))).toBe(false);

      // Never on the command line: there is no --passphrase option.
      expect(
        await cli(
          '--data-dir',
          src,
          'assessment',
          'export',
          id,
          '--format',
          'sealed',
          '--out',
          pkg,
          '--passphrase',
          PASS,
        ),
      ).toBe(2);
      expect(lines.at(-1)).toMatch(/Unknown option '--passphrase'/);
      // Sealed needs the file; json refuses one (it would not be encrypted); a short first line is refused.
      expect(
        await cli('--data-dir', src, 'assessment', 'export', id, '--format', 'sealed', '--out', join(dir, 'b.tenken')),
      ).toBe(2);
      expect(lines.at(-1)).toMatch(/--passphrase-file/);
      expect(
        await cli(
          '--data-dir',
          src,
          'assessment',
          'export',
          id,
          '--format',
          'json',
          '--out',
          join(dir, 'b.json'),
          '--passphrase-file',
          passFile,
        ),
      ).toBe(2);
      const shortFile = join(dir, 'short.txt');
      writeFileSync(shortFile, 'tooshort\n');
      expect(
        await cli(
          '--data-dir',
          src,
          'assessment',
          'export',
          id,
          '--format',
          'sealed',
          '--out',
          join(dir, 'b.tenken'),
          '--passphrase-file',
          shortFile,
        ),
      ).toBe(2);
      expect(lines.at(-1)).toBe(
        'tenken: The passphrase must have at least 12 characters (this one has 8). A few unrelated words are easy to remember and hard to guess.',
      );
      expect(files(dir).map((f) => f.slice(dir.length + 1))).toEqual(['a.json', 'a.tenken', 'pass.txt', 'short.txt']);

      const target = tempDir();
      const wrongFile = join(dir, 'wrong.txt');
      writeFileSync(wrongFile, `${PASS}?\n`);
      // A sealed package without its passphrase file, with the wrong one: refused, the workspace unchanged.
      expect(await cli('--data-dir', target, 'assessment', 'import', pkg)).toBe(2);
      expect(lines.at(-1)).toMatch(/is a sealed package: give its passphrase in a file with --passphrase-file/);
      expect(await cli('--data-dir', target, 'assessment', 'import', pkg, '--passphrase-file', wrongFile)).toBe(2);
      expect(lines.at(-1)).toMatch(/passphrase is wrong, or the file was changed.*Nothing was imported/);
      expect(await cli('--data-dir', target, '--json', 'assessment', 'list')).toBe(0);
      expect(JSON.parse(lines.at(-1) as string)).toEqual([]);
      // A plain assessment file needs no passphrase (and is told so).
      expect(await cli('--data-dir', target, 'assessment', 'import', json, '--passphrase-file', passFile)).toBe(2);
      expect(lines.at(-1)).toMatch(/plain assessment file/);
      const damaged = join(dir, 'damaged.tenken');
      writeFileSync(damaged, readFileSync(pkg).subarray(5));
      expect(await cli('--data-dir', target, 'assessment', 'import', damaged, '--passphrase-file', passFile)).toBe(2);
      expect(lines.at(-1)).toBe('tenken: This is not a Tenken sealed package (.tenken). Nothing was imported.');

      expect(await cli('--data-dir', target, 'assessment', 'import', pkg, '--passphrase-file', passFile)).toBe(0);
      const again = join(dir, 'again.json');
      expect(await cli('--data-dir', target, 'assessment', 'export', id, '--out', again)).toBe(0);
      expect(readFileSync(again).equals(readFileSync(json))).toBe(true);
    },
    SLOW,
  );
});
