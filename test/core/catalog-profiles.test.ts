import { describe, expect, it } from 'vitest';
import { flattenCatalog, NO_PROFILE, profileItemCounts } from '../../src/core/catalog/flatten';
import { parseCatalogText } from '../../src/core/catalog/parse';

// A small tree with a group, an assessable control with sub-controls (like PCI DSS 3.3.1 / 3.3.1.1–3) and a leaf.
const base = `format: tenken-catalog/1
id: prof
version: "1.0"
title: { ja: プロファイル試験, en: Profile test }
publisher: { ja: テスト, en: Test }
published: "2026-01-01"
licence_note: { ja: テスト用, en: For tests }
text_kind: own-summary
answer_scale:
  - { value: yes, label: { ja: はい, en: "Yes" }, meaning: compliant, score: 1 }
  - { value: no, label: { ja: いいえ, en: "No" }, meaning: noncompliant, score: 0 }
PROFILES
items:
  - id: "1"
    title: { ja: 方針, en: Policy }
    items:
      - id: "1.1"
        title: { ja: 方針の策定, en: Write a policy }
      - id: "1.2"
        title: { ja: 方針の見直し, en: Review the policy }
  - id: "2"
    title: { ja: 保存, en: Storage }
    items:
      - id: "2.1"
        title: { ja: 保存しない, en: Do not keep }
        assessable: true
        items:
          - id: "2.1.1"
            title: { ja: 磁気データ, en: Track data }
          - id: "2.1.2"
            title: { ja: 検証コード, en: Verification code }
      - id: "2.2"
        title: { ja: 表示の制限, en: Restrict display }
        profiles: [large]
`;

const withProfiles = (yaml: string) => base.replace('PROFILES', yaml);

function flat(yaml: string) {
  const r = parseCatalogText(withProfiles(yaml));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return new Map(flattenCatalog(r.value).map((n) => [n.controlId, n.profiles]));
}

const applies = (profiles: string[] | undefined, p: string) =>
  profiles !== undefined && (profiles.length === 0 || profiles.includes(p));

describe('profiles defined by an explicit control list', () => {
  const profiles = `profiles:
  - id: small
    label: { ja: 小規模, en: Small }
    kind: merchant
    source: { title: Test list, publisher: Test, date: "2025-01", url: "https://example.org/list" }
    eligibility:
      - { ja: カードを保存しない, en: Card data is not stored }
    controls: ["1", "2.1", "2.1.2"]
  - id: large
    label: { ja: 大規模, en: Large }
    controls: ["1", "2"]
  - id: marked
    label: { ja: 印のみ, en: Markers only }`;

  it("covers a listed group's descendants, a listed control only itself, and keeps the headings above them", () => {
    const p = flat(profiles);
    const small = [...p].filter(([, v]) => applies(v, 'small')).map(([k]) => k);
    // 2.1 is listed, 2.1.1 is not (an assessable control covers itself only); 2 stays as 2.1's heading.
    expect(small).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.1.2']);
    const large = [...p].filter(([, v]) => applies(v, 'large')).map(([k]) => k);
    expect(large).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.1.1', '2.1.2', '2.2']);
  });

  it('keeps node markers: a marked node stays out of other profiles, and a profile without a list follows the markers', () => {
    const p = flat(profiles);
    expect(applies(p.get('2.2'), 'small')).toBe(false);
    expect(applies(p.get('2.2'), 'marked')).toBe(false);
    expect(applies(p.get('2.2'), 'large')).toBe(true);
    expect(applies(p.get('2.1.1'), 'marked')).toBe(true);
    expect(p.get('1.1')).toEqual([]); // every profile applies: stored as "all", like an unmarked node
  });

  it('stores a node that no profile covers as applying to none (but still to an assessment without a profile)', () => {
    const p = flat(`profiles:
  - { id: only, label: { ja: 一部, en: Some }, controls: ["1.1"] }
  - { id: large, label: { ja: 大規模, en: Large }, controls: ["2"] }`);
    expect(p.get('1.2')).toEqual([NO_PROFILE]);
    expect(p.get('1')).toEqual(['only']);
    expect(p.get('1.1')).toEqual(['only']);
    expect(p.get('2.2')).toEqual(['large']);
  });

  it('counts the assessable items each profile covers', () => {
    const r = parseCatalogText(withProfiles(profiles));
    if (!r.ok) throw new Error('fixture');
    const count = profileItemCounts(flattenCatalog(r.value));
    expect([count('small'), count('large'), count('marked')]).toEqual([4, 6, 5]);
  });

  it('leaves a catalog without explicit lists exactly as the markers say', () => {
    const p = flat(`profiles:
  - { id: large, label: { ja: 大規模, en: Large } }`);
    expect(p.get('2.2')).toEqual(['large']);
    expect(p.get('1.1')).toEqual([]);
  });

  const refused: { name: string; yaml: string; key: string; path: string; line: number }[] = [
    {
      name: 'a control ID the catalog does not have',
      key: 'profileUnknownControl',
      path: 'profiles[0].controls[1]',
      line: 13,
      yaml: `profiles:\n  - { id: small, label: { ja: 小, en: Small }, controls: ["1", "9.9.9"] }`,
    },
    {
      name: 'a control listed twice',
      key: 'profileDuplicateControl',
      path: 'profiles[0].controls[1]',
      line: 13,
      yaml: `profiles:\n  - { id: small, label: { ja: 小, en: Small }, controls: ["1.1", "1.1"] }`,
    },
    {
      name: 'a profile defined twice',
      key: 'profileDuplicate',
      path: 'profiles[1].id',
      line: 14,
      yaml: `profiles:\n  - { id: small, label: { ja: 小, en: Small } }\n  - { id: small, label: { ja: 小, en: Small } }`,
    },
    {
      name: 'a source without a URL',
      key: 'schemaMissing',
      path: 'profiles[0].source.url',
      line: 13,
      yaml: `profiles:\n  - { id: small, label: { ja: 小, en: Small }, source: { title: T, publisher: P, date: "2025-01" } }`,
    },
    {
      name: 'an unknown kind',
      key: 'schemaEnum',
      path: 'profiles[0].kind',
      line: 13,
      yaml: `profiles:\n  - { id: small, label: { ja: 小, en: Small }, kind: wholesaler }`,
    },
    {
      name: 'an eligibility criterion in one language only',
      key: 'schemaMissing',
      path: 'profiles[0].eligibility[0].en',
      line: 13,
      yaml: `profiles:\n  - { id: small, label: { ja: 小, en: Small }, eligibility: [ { ja: 条件 } ] }`,
    },
  ];

  it.each(refused)('refuses $name with a located, keyed error', ({ yaml, key, path, line }) => {
    const r = parseCatalogText(withProfiles(yaml));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors.find((x) => x.key === key);
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(e?.path).toBe(path);
    expect(e?.line).toBe(line);
  });
});
