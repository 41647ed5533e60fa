import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT,
  encodeSealedHeader,
  looksSealed,
  MAX_SEALED_HEADER_BYTES,
  passphraseFromFileText,
  passphraseStrength,
  readSealedPackage,
  scryptParamsProblem,
} from '../../src/core/exchange/sealed-package';

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const header = encodeSealedHeader({
  kind: 'assessment',
  kdf: DEFAULT_SCRYPT,
  salt: '0'.repeat(32),
  nonce: 'a'.repeat(24),
});
const pkg = (body: number) => new Uint8Array([...header, ...new Uint8Array(body).fill(7)]);

describe('sealed package layout (pure)', () => {
  it('writes one short ASCII header line that says what it is and how the key is derived, nothing more', () => {
    const text = Buffer.from(header).toString('latin1');
    expect(text).toBe(
      '{"format":"tenken-sealed/1","kind":"assessment","cipher":"aes-256-gcm","kdf":{"name":"scrypt","N":131072,"r":8,"p":1},"salt":"00000000000000000000000000000000","nonce":"aaaaaaaaaaaaaaaaaaaaaaaa"}\n',
    );
    expect(header.length).toBeLessThan(MAX_SEALED_HEADER_BYTES);
    expect(looksSealed(header)).toBe(true);
    expect(looksSealed(bytes('{"assessment":{}}'))).toBe(false);
  });

  it('splits a package into header, additional data, ciphertext and a 16-byte tag', () => {
    const r = readSealedPackage(pkg(40), 'assessment');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parts.aad).toEqual(header);
    expect(r.parts.ciphertext.length).toBe(24);
    expect(r.parts.tag.length).toBe(16);
    expect(r.parts.header.kdf).toEqual(DEFAULT_SCRYPT);
  });

  it('refuses, naming why, before any key is derived', () => {
    const problem = (b: Uint8Array) => {
      const r = readSealedPackage(b, 'assessment');
      return r.ok ? 'ok' : r.problem;
    };
    const text = Buffer.from(header).toString('latin1');
    const withHeader = (t: string) => new Uint8Array([...bytes(t), ...new Uint8Array(40)]);
    expect(problem(bytes('PK\u0003\u0004 a zip'))).toBe('notPackage');
    expect(problem(header.subarray(0, 60))).toBe('truncated');
    expect(problem(pkg(16))).toBe('truncated'); // a tag and no ciphertext
    expect(problem(withHeader(text.replace('"kind":"assessment"', '"kind":"request"')))).toBe('kind');
    expect(problem(withHeader(text.replace('"p":1}', '"p":1,"extra":1}')))).toBe('header');
    expect(problem(withHeader(text.replace('"N":131072', '"N":131072.0')))).toBe('header'); // not the written form
    expect(problem(withHeader(text.replace('"N":131072', '"N":2097152')))).toBe('kdfBounds');
    expect(problem(withHeader(text.replace('"name":"scrypt"', '"name":"pbkdf2"')))).toBe('header');
    expect(problem(withHeader(text.replace('aes-256-gcm', 'aes-128-cbc')))).toBe('header');
    expect(problem(withHeader(text.replace('"salt":"0', '"salt":"G')))).toBe('header');
    expect(problem(withHeader(text.replace('assessment', 'assessmént')))).toBe('header'); // not ASCII
    expect(problem(withHeader(`${text.slice(0, -1)}${' '.repeat(MAX_SEALED_HEADER_BYTES)}\n`))).toBe('header');
    const f = readSealedPackage(withHeader(text.replace('tenken-sealed/1', 'tenken-sealed/9')), 'assessment');
    expect(f).toMatchObject({ ok: false, problem: 'format', format: 'tenken-sealed/9' });
  });

  it('bounds scrypt: N a power of two in 2^14..2^20, r ≤ 16, p ≤ 4, at most 1 GiB of memory', () => {
    expect(scryptParamsProblem(DEFAULT_SCRYPT)).toBeNull();
    expect(scryptParamsProblem({ N: 2 ** 20, r: 8, p: 1 })).toMatch(/MiB/); // 1 GiB and a little more
    expect(scryptParamsProblem({ N: 2 ** 19, r: 8, p: 4 })).toBeNull();
    expect(scryptParamsProblem({ N: 2 ** 21, r: 1, p: 1 })).toMatch(/N=2097152/);
    expect(scryptParamsProblem({ N: 2 ** 13, r: 8, p: 1 })).toMatch(/N=8192/);
    expect(scryptParamsProblem({ N: 100000, r: 8, p: 1 })).toMatch(/power of two/);
    expect(scryptParamsProblem({ N: 2 ** 17, r: 17, p: 1 })).toMatch(/r=17/);
    expect(scryptParamsProblem({ N: 2 ** 17, r: 8, p: 0 })).toMatch(/p=0/);
    expect(scryptParamsProblem({ N: 2 ** 16, r: 1, p: 1 })).toMatch(/below 2\^16/); // OpenSSL refuses it
    expect(scryptParamsProblem({ N: 2 ** 15, r: 1, p: 1 })).toBeNull();
  });
});

describe('passphrases', () => {
  it("reads a passphrase file's first line without its line ending or a byte order mark, keeping spaces", () => {
    expect(passphraseFromFileText('  two words  \r\nsecond line\n')).toBe('  two words  ');
    expect(passphraseFromFileText('\uFEFFくもり空の午後\n')).toBe('くもり空の午後');
    expect(passphraseFromFileText('no newline')).toBe('no newline');
    expect(passphraseFromFileText('\n')).toBe('');
  });

  it('estimates strength honestly from length and character classes only', () => {
    expect(passphraseStrength('Ab1!').level).toBe('tooShort');
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaaaaaa')).toMatchObject({
      length: 24,
      classes: ['lower'],
      level: 'weak',
    }); // one character repeated
    expect(passphraseStrength('abcabcabcabc')).toMatchObject({ classes: ['lower'], bits: 28, level: 'weak' });
    expect(passphraseStrength('abcdefghijkl')).toMatchObject({ classes: ['lower'], bits: 56, level: 'fair' });
    expect(passphraseStrength('Tr0ub4dor&3x')).toMatchObject({
      classes: ['lower', 'upper', 'digit', 'symbol'],
      bits: 79,
      level: 'strong',
    });
    // Words count as words: four common ones are about 52 bits, not the 150 their letters would suggest.
    expect(passphraseStrength('correct horse battery staple')).toMatchObject({ bits: 52, level: 'fair' });
    expect(passphraseStrength('violet anchor mango drift 42')).toMatchObject({ level: 'fair' });
    expect(passphraseStrength('violet anchor mango drift lemon quartz')).toMatchObject({ bits: 78, level: 'strong' });
    expect(passphraseStrength('one two')).toMatchObject({ level: 'tooShort' });
    // Japanese counts by character, not by byte, and as its own class.
    expect(passphraseStrength('くもり空の午後に紅茶を飲む')).toMatchObject({ length: 13, classes: ['other'] });
    expect(passphraseStrength('が'.normalize('NFD').repeat(6)).length).toBe(6);
  });
});
