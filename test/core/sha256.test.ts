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
  it('canonical JSON is the exact text every stored hash was made from', () => {
    // Byte for byte: a change here would break the check of every history already written.
    expect(
      canonicalJson({
        seq: 3,
        old_value: null,
        skipped: undefined,
        actor: '髙﨑',
        a: [1, 'x', null, undefined, { z: true, y: [] }, {}],
        entity_id: 'k"\\\n\ud800',
        Z: -0.5,
      }),
    ).toBe(
      '{"Z":-0.5,"a":[1,"x",null,null,{"y":[],"z":true},{}],"actor":"髙﨑","entity_id":"k\\"\\\\\\n\\ud800","old_value":null,"seq":3}',
    );
    expect([canonicalJson(null), canonicalJson('s'), canonicalJson([]), canonicalJson({})]).toEqual([
      'null',
      '"s"',
      '[]',
      '{}',
    ]);
  });
});
