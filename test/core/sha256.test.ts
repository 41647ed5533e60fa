import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/util/canonical-json';
import { sha256Hex } from '../../src/core/util/sha256';

describe('pure sha256', () => {
  it.each(['', 'abc', '暗号化の方針'.repeat(100), 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '🔐 emoji'])(
    'matches node:crypto for %#',
    (s) => {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    },
  );
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
