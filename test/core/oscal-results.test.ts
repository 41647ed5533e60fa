import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';
import {
  buildOscalAssessmentResults,
  buildOscalPoam,
  controlIdFromOscalToken,
  OSCAL_RESULTS_VERSION,
  oscalControlToken,
  TENKEN_OSCAL_NS,
  type OscalAnswer,
  type OscalInput,
} from '../../src/core/oscal/results/results';

// The official OSCAL 1.2.1 schemas, vendored (vendor/oscal-schemas) so the validation runs on every clean clone.
const schemas = join(__dirname, '../../vendor/oscal-schemas/1.2.1');

type Obj = Record<string, unknown>;
type Prop = { name: string; ns?: string; value: string; remarks?: string };

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const SHA_POLICY = sha('policy');
const SHA_MINUTES = sha('minutes');
const LONG = '長い改善計画。'.repeat(1000) + 'x'.repeat(3000); // 10,000 characters
const MULTILINE_JA = '本番環境は対象外。\n  理由：カード情報を扱わないため。\n\n（2026年度に再確認）';
const SCRIPT = '<script>alert("x")</script>';
const FORMULA = '=HYPERLINK("x")';

function answer(controlId: string, over: Partial<OscalAnswer> = {}): OscalAnswer {
  return {
    controlId,
    title: { ja: `管理策 ${controlId}`, en: `Control ${controlId}` },
    ...EMPTY_ANSWER,
    valueLabel: null,
    meaning: null,
    updatedAt: null,
    updatedBy: null,
    revision: 0,
    evidenceSha256: [],
    ...over,
  };
}

const answered = (value: string, valueLabel: string, meaning: OscalAnswer['meaning']) => ({
  value,
  valueLabel,
  meaning,
  updatedAt: '2026-11-20T03:04:05.678Z',
  updatedBy: '山田 太郎',
  revision: 2,
});

function sampleInput(lang: 'ja' | 'en' = 'ja'): OscalInput {
  return {
    assessment: {
      id: '3f0b6a5e-2c1d-4e8f-9a7b-1c2d3e4f5a6b',
      name: `2026年度 自己点検 ${SCRIPT}`,
      organization: '株式会社 点検\n（本社）',
      scope: `カード会員データ環境（CDE）全体。\n${FORMULA}`,
      assessors: '山田 太郎\n鈴木 花子',
      periodStart: '2026-10-01',
      periodEnd: '2026-11-30',
      status: 'in_review',
      createdAt: '2026-10-01T00:00:00Z',
      updatedAt: '2026-11-22T09:00:00Z',
    },
    parts: [
      {
        catalogId: 'pci-dss',
        version: '4.0.1',
        title: { ja: 'PCI DSS', en: 'PCI DSS' },
        sourceUrl: 'https://www.pcisecuritystandards.org/document_library/',
        profile: 'saq-d',
        answers: [
          answer('1.1.1', { ...answered('yes', 'はい', 'compliant'), comment: SCRIPT, evidenceSha256: [SHA_POLICY] }),
          answer('A3.2.5', {
            ...answered('partial', '一部', 'partial'),
            comment: FORMULA,
            owner: '情報システム部\n山田 ',
            dueDate: '2026-12-31',
            remediation: LONG,
            markedForReview: true,
            evidenceSha256: [SHA_MINUTES],
          }),
          answer('12.10.1', { ...answered('no', 'いいえ', 'noncompliant'), comment: '手順書がない。' }),
          answer('9.4.2.1.B'),
        ],
      },
      {
        catalogId: 'ismap',
        version: '2024-03',
        title: { ja: 'ISMAP 管理基準', en: 'ISMAP control criteria' },
        sourceUrl: null,
        profile: null,
        answers: [
          // Same printed id as in the first catalog: must stay apart.
          answer('1.1.1', {
            ...answered('no', '未実施', 'noncompliant'),
            owner: 'CISO',
            dueDate: '2027-03-31',
            remediation: '方針を策定する。',
          }),
          answer('4.1.1.B', { ...answered('na', '該当なし', 'not_applicable'), justification: MULTILINE_JA }),
          answer('6.1.2(1)', { ...answered('nt', '未テスト', 'not_tested'), justification: 'Not in this cycle.' }),
          answer('x_y', { ...answered('dk', 'わからない', 'unknown') }),
          answer('8.1', {
            comment: '回答保留：担当者確認中',
            markedForReview: true,
            updatedAt: '2026-11-21T00:00:00Z',
            updatedBy: 'suzuki',
            revision: 1,
          }),
          answer('8.2'),
        ],
      },
    ],
    evidence: [
      {
        fileName: 'policy v2.pdf',
        sha256: SHA_POLICY,
        size: 12345,
        mediaType: 'application/pdf',
        addedBy: '山田 太郎',
        addedAt: '2026-11-01T01:02:03Z',
        controls: [
          { catalogId: 'pci-dss', controlId: '1.1.1' },
          { catalogId: 'ismap', controlId: '4.1.1.B' },
        ],
      },
      {
        fileName: `議事録${SCRIPT}.xlsx`,
        sha256: SHA_MINUTES,
        size: 999,
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        addedBy: 'suzuki',
        addedAt: '2026-11-02T01:02:03Z',
        controls: [{ catalogId: 'pci-dss', controlId: 'A3.2.5' }],
      },
    ],
    audit: { head: sha('head'), ok: true, entries: 42 },
    generatedAt: '2026-11-23T01:00:00.000Z',
    appVersion: '0.1.0',
    lang,
  };
}

// --- helpers over the JSON tree

function walk(node: unknown, visit: (key: string, value: unknown, parent: Obj) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Obj)) {
      visit(k, v, node as Obj);
      walk(v, visit);
    }
  }
}

function valuesOf(doc: unknown, keys: readonly string[]): unknown[] {
  const out: unknown[] = [];
  walk(doc, (k, v) => keys.includes(k) && out.push(v));
  return out;
}

const ours = (o: Obj, name: string): Prop[] =>
  ((o.props as Prop[] | undefined) ?? []).filter((p) => p.ns === TENKEN_OSCAL_NS && p.name === name);
/** A prop's exact text: its remarks when the value had to be collapsed to one line. */
const exact = (p: Prop | undefined) => (p === undefined ? undefined : (p.remarks ?? p.value));
const one = (o: Obj, name: string) => exact(ours(o, name)[0]);

const ar = (input: OscalInput) => buildOscalAssessmentResults(input)['assessment-results'] as Obj;
const poam = (input: OscalInput) => buildOscalPoam(input)['plan-of-action-and-milestones'] as Obj;
const result = (doc: Obj) => (doc.results as Obj[])[0] as Obj;
const named = (list: unknown, catalogId: string, controlId: string) =>
  ((list as Obj[] | undefined) ?? []).filter(
    (o) => one(o, 'catalog-id') === catalogId && one(o, 'control-id') === controlId,
  );

const TOKEN_RE = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
const UUID_V5_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP_KEYS = ['published', 'last-modified', 'start', 'end', 'collected', 'expires', 'deadline', 'date'];

describe('OSCAL control tokens', () => {
  it.each([
    ['pci-dss', '1.2.1', 'pci-dss-1.2.1'],
    ['pci-dss', 'A3.2.5', 'pci-dss-A3.2.5'],
    ['pci-dss', '9.4.2.1.B', 'pci-dss-9.4.2.1.B'],
    ['nist', 'ac-2.1', 'nist-ac-2.1'],
    ['nist', 'AC-2(1)', 'nist-AC-2_28_1_29_'],
    ['ismap', 'x_y', 'ismap-x__y'],
  ])('%s %s → %s', (catalogId, controlId, token) => {
    expect(oscalControlToken(catalogId, controlId)).toBe(token);
    expect(controlIdFromOscalToken(catalogId, token)).toBe(controlId);
  });

  it('round-trips any text and always gives a token', () => {
    const ids = [
      '',
      '_',
      '__x',
      '_28_',
      '1',
      '(1)',
      'a b',
      'ア-1.２',
      'が',
      'か\u3099',
      '🔐-1',
      'a\nb',
      '\ud800',
      'AC-2_1_',
      'AC-2(1)',
    ];
    const tokens = new Set<string>();
    for (const catalogId of ['pci-dss', '9lives', '_x', 'カタログ']) {
      for (const id of ids) {
        const token = oscalControlToken(catalogId, id);
        expect(token).toMatch(TOKEN_RE);
        expect(controlIdFromOscalToken(catalogId, token)).toBe(id);
        tokens.add(token);
      }
    }
    expect(tokens.size).toBe(ids.length * 4);
    expect(controlIdFromOscalToken('pci-dss', 'ismap-1.1.1')).toBeNull();
    expect(controlIdFromOscalToken('pci-dss', 'pci-dss-1_zz_')).toBeNull();
  });
});

describe('OSCAL assessment results and POA&M', () => {
  let validateAr: ValidateFunction | undefined;
  let validatePoam: ValidateFunction | undefined;
  beforeAll(() => {
    const compile = (file: string) => {
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
      addFormats(ajv);
      return ajv.compile(JSON.parse(readFileSync(join(schemas, file), 'utf8')) as object);
    };
    validateAr = compile('oscal_assessment-results_schema.json');
    validatePoam = compile('oscal_poam_schema.json');
  });
  const verdict = (validate: ValidateFunction | undefined, json: unknown) => {
    if (!validate) throw new Error('schema not compiled');
    return validate(json) ? 'valid' : JSON.stringify(validate.errors?.slice(0, 8), null, 1);
  };

  const variants: [string, () => OscalInput][] = [
    ['the sample (ja)', () => sampleInput('ja')],
    ['the sample (en)', () => sampleInput('en')],
    [
      'no organization, no period, no evidence, odd dates, nothing to fix',
      () => {
        const input = sampleInput('en');
        input.assessment = {
          ...input.assessment,
          organization: null,
          periodStart: null,
          periodEnd: null,
          scope: '',
          assessors: '',
        };
        input.evidence = [];
        input.audit = { head: null, ok: false, entries: 0 };
        input.parts = [
          {
            ...(input.parts[1] as OscalInput['parts'][number]),
            sourceUrl: 'https://例え.jp/基準 v1',
            answers: [
              answer('1', { ...answered('yes', 'Yes', 'compliant'), dueDate: '2026-02-30', owner: '   ' }),
              answer('2', { ...answered('na', 'N/A', 'not_applicable'), updatedAt: 'not a date' }),
            ],
          },
          { catalogId: 'empty', version: '1', title: { ja: '', en: '' }, sourceUrl: null, profile: null, answers: [] },
        ];
        return input;
      },
    ],
    ['no controls at all', () => ({ ...sampleInput('en'), parts: [], evidence: [] })],
  ];

  it('declares the OSCAL version of the official schemas', () => {
    for (const file of ['oscal_assessment-results_schema.json', 'oscal_poam_schema.json']) {
      const schema = JSON.parse(readFileSync(join(schemas, file), 'utf8')) as { $id: string };
      expect(schema.$id).toContain(`/oscal/${OSCAL_RESULTS_VERSION}/`);
    }
  });

  it.each(variants)('assessment results of %s validate against the official schema', (_name, make) => {
    expect(verdict(validateAr, buildOscalAssessmentResults(make()))).toBe('valid');
  });

  it.each(variants)('the POA&M of %s validates against the official schema', (_name, make) => {
    expect(verdict(validatePoam, buildOscalPoam(make()))).toBe('valid');
  });

  it('the schema check is not vacuous: a digit-first control-id or a padded prop value fails', () => {
    const doc = buildOscalAssessmentResults(sampleInput());
    const selection = (
      (result(doc['assessment-results'] as Obj)['reviewed-controls'] as Obj)['control-selections'] as Obj[]
    )[0] as Obj;
    (selection['include-controls'] as Obj[]).push({ 'control-id': '1.1.1' });
    expect(verdict(validateAr, doc)).toContain('pattern');
    const padded = buildOscalAssessmentResults(sampleInput());
    ((((padded['assessment-results'] as Obj).metadata as Obj).props as Prop[])[0] as Prop).value = ' x';
    expect(verdict(validateAr, padded)).toContain('pattern');
  });

  it.each(variants)('%s: the same input gives byte-identical JSON', (_name, make) => {
    expect(JSON.stringify(buildOscalAssessmentResults(make()))).toBe(
      JSON.stringify(buildOscalAssessmentResults(make())),
    );
    expect(JSON.stringify(buildOscalPoam(make()))).toBe(JSON.stringify(buildOscalPoam(make())));
  });

  it.each(variants)('%s: tokens, UUIDs and timestamps follow the rules', (_name, make) => {
    for (const doc of [buildOscalAssessmentResults(make()), buildOscalPoam(make())]) {
      // Token fields of these documents (party names and the system id are plain strings, not tokens).
      const tokens = [
        ...valuesOf(doc, ['control-id', 'target-id', 'role-id', 'group']),
        ...(valuesOf(doc, ['props']).flat() as Prop[]).map((p) => p.name),
        ...(valuesOf(doc, ['roles']).flat() as Obj[]).map((r) => r.id),
      ];
      expect(tokens.length).toBeGreaterThan(0);
      for (const t of tokens) {
        expect(t).toMatch(TOKEN_RE);
        expect(t).not.toMatch(/^\d/);
      }
      const uuids = valuesOf(doc, ['uuid']) as string[];
      for (const u of uuids) expect(u).toMatch(UUID_V5_RE);
      expect(new Set(uuids).size).toBe(uuids.length);
      const times = valuesOf(doc, TIMESTAMP_KEYS).filter((v) => typeof v === 'string') as string[];
      expect(times.length).toBeGreaterThanOrEqual(2);
      for (const t of times) expect(t).toMatch(/T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
      // Every reference points at something in the same document.
      const refs = valuesOf(doc, ['observation-uuid', 'risk-uuid', 'finding-uuid', 'party-uuids']).flat() as string[];
      for (const r of refs) expect(uuids).toContain(r);
    }
  });

  it('a different assessment gets different UUIDs; the POA&M reuses the results UUIDs for the same things', () => {
    const a = sampleInput();
    const b = sampleInput();
    b.assessment = { ...b.assessment, id: '00000000-0000-4000-8000-000000000001' };
    const ua = valuesOf(buildOscalAssessmentResults(a), ['uuid']) as string[];
    const ub = valuesOf(buildOscalAssessmentResults(b), ['uuid']) as string[];
    expect(ua.filter((u) => ub.includes(u))).toEqual([]);
    const inPoam = (valuesOf(poam(a), ['observations']).flat() as Obj[]).map((o) => o.uuid);
    const inAr = (result(ar(a)).observations as Obj[]).map((o) => o.uuid);
    expect(inPoam.length).toBe(3);
    for (const u of inPoam) expect(inAr).toContain(u);
  });

  it('keeps every exact control id, value and answer fact in namespaced props', () => {
    const input = sampleInput();
    const doc = ar(input);
    const res = result(doc);
    const selections = (res['reviewed-controls'] as Obj)['control-selections'] as Obj[];
    expect(selections).toHaveLength(2);
    for (const part of input.parts) {
      const sel = selections.find((s) => one(s, 'catalog-id') === part.catalogId) as Obj;
      expect(one(sel, 'catalog-version')).toBe(part.version);
      expect(one(sel, 'profile')).toBe(part.profile ?? undefined);
      // The tokens alone give the exact ids back.
      const ids = (sel['include-controls'] as Obj[]).map((c) =>
        controlIdFromOscalToken(part.catalogId, c['control-id'] as string),
      );
      expect(ids).toEqual(part.answers.map((a) => a.controlId));

      for (const a of part.answers) {
        const observations = named(res.observations, part.catalogId, a.controlId);
        if (a.value === null) expect(ours(sel, 'unanswered').map(exact)).toContain(a.controlId);
        const recorded = a.value !== null || a.comment !== '' || a.markedForReview;
        expect(observations).toHaveLength(recorded ? 1 : 0);
        if (!recorded) continue;
        const obs = observations[0] as Obj;
        expect(one(obs, 'answer-value')).toBe(a.value ?? undefined);
        expect(one(obs, 'meaning')).toBe(a.meaning ?? undefined);
        expect(one(obs, 'owner')).toBe(a.owner || undefined);
        expect(one(obs, 'due-date')).toBe(a.dueDate ?? undefined);
        expect(one(obs, 'marked-for-review')).toBe(String(a.markedForReview));
        expect(one(obs, 'revision')).toBe(String(a.revision));
        expect(one(obs, 'updated-by')).toBe(a.updatedBy ?? undefined);
        expect(one(obs, 'updated-at')).toBe(a.updatedAt ?? undefined);
        const linked = input.evidence.filter((f) =>
          f.controls.some((c) => c.catalogId === part.catalogId && c.controlId === a.controlId),
        );
        expect(ours(obs, 'evidence-sha256').map(exact).sort()).toEqual(
          [...new Set([...a.evidenceSha256, ...linked.map((f) => f.sha256)])].sort(),
        );
      }
    }
    // The owner with a line break is collapsed in the value and kept exactly in the prop's remarks.
    const partial = named(res.observations, 'pci-dss', 'A3.2.5')[0] as Obj;
    expect(ours(partial, 'owner')[0]).toMatchObject({ value: '情報システム部 山田', remarks: '情報システム部\n山田 ' });
    expect(one(doc.metadata as Obj, 'assessment-id')).toBe(input.assessment.id);
  });

  it('writes free text literally into markup fields', () => {
    const input = sampleInput();
    const doc = ar(input);
    const res = result(doc);
    expect(res.description).toBe(input.assessment.scope);
    expect(res.remarks).toContain(input.assessment.assessors);
    expect(JSON.stringify(doc.metadata)).toContain(JSON.stringify(input.assessment.organization));
    for (const part of input.parts) {
      for (const a of part.answers) {
        const obs = named(res.observations, part.catalogId, a.controlId)[0];
        for (const text of [a.comment, a.justification, a.remediation].filter((t) => t !== ''))
          expect(obs?.remarks).toContain(text);
        const finding = named(res.findings, part.catalogId, a.controlId)[0];
        if (finding && a.justification) expect(finding.remarks).toBe(a.justification);
      }
    }
    const risk = named(res.risks, 'pci-dss', 'A3.2.5')[0] as Obj;
    expect(risk.statement).toBe(FORMULA);
    expect(((risk.remediations as Obj[])[0] as Obj).description).toBe(LONG);
    expect(LONG).toHaveLength(10_000);
    const na = named(res.observations, 'ismap', '4.1.1.B')[0] as Obj;
    expect(na.remarks).toContain(MULTILINE_JA);
    expect(named(res.observations, 'pci-dss', '1.1.1')[0]?.remarks).toContain(SCRIPT);
    const resources = (doc['back-matter'] as Obj).resources as Obj[];
    expect(resources.map((r) => one(r, 'file-name'))).toContain(`議事録${SCRIPT}.xlsx`);
  });

  it('gives findings only where the answer determines a state', () => {
    const res = result(ar(sampleInput()));
    const state = (catalogId: string, controlId: string) => {
      const f = named(res.findings, catalogId, controlId);
      return f.length ? ((f[0]?.target as Obj).status as Obj).state : null;
    };
    expect(state('pci-dss', '1.1.1')).toBe('satisfied');
    expect(state('pci-dss', 'A3.2.5')).toBe('not-satisfied');
    expect(state('pci-dss', '12.10.1')).toBe('not-satisfied');
    expect(state('ismap', '1.1.1')).toBe('not-satisfied');
    for (const id of ['4.1.1.B', '6.1.2(1)', 'x_y', '8.1', '8.2']) expect(state('ismap', id)).toBeNull();
    expect(state('pci-dss', '9.4.2.1.B')).toBeNull();
    const target = (named(res.findings, 'pci-dss', 'A3.2.5')[0] as Obj).target as Obj;
    expect(target).toMatchObject({
      type: 'statement-id',
      'target-id': 'pci-dss-A3.2.5_smt',
      'implementation-status': { state: 'partial' },
    });
    // not_applicable / not_tested stay visible in the observation.
    expect(one(named(res.observations, 'ismap', '6.1.2(1)')[0] as Obj, 'meaning')).toBe('not_tested');
  });

  it('makes partial and noncompliant answers POA&M items and risks, compliant ones not', () => {
    const input = sampleInput();
    const doc = poam(input);
    const items = doc['poam-items'] as Obj[];
    const keys = items.map((i) => `${one(i, 'catalog-id')}:${one(i, 'control-id')}`);
    expect(keys).toEqual(['pci-dss:A3.2.5', 'pci-dss:12.10.1', 'ismap:1.1.1']);
    const partial = items[0] as Obj;
    expect(partial.description).toBe(LONG);
    expect(partial.remarks).toBe(FORMULA);
    expect(one(partial, 'owner')).toBe('情報システム部\n山田 ');
    expect(one(partial, 'due-date')).toBe('2026-12-31');
    const risks = doc.risks as Obj[];
    expect(risks.map((r) => r.uuid)).toEqual(items.map((i) => ((i['related-risks'] as Obj[])[0] as Obj)['risk-uuid']));
    expect((risks[0] as Obj).deadline).toBe('2026-12-31T23:59:59+09:00');
    const milestone = ((((risks[0] as Obj).remediations as Obj[])[0] as Obj).tasks as Obj[])[0] as Obj;
    expect(milestone).toMatchObject({
      type: 'milestone',
      timing: { 'on-date': { date: '2026-12-31T23:59:59+09:00' } },
    });
    // A noncompliant answer without any plan has no remediation and no deadline.
    expect(risks[1]).not.toHaveProperty('remediations');
    expect(risks[1]).not.toHaveProperty('deadline');
    // Only the evidence of POA&M items is in its back-matter.
    const resources = (doc['back-matter'] as Obj).resources as Obj[];
    expect(resources.map((r) => one(r, 'evidence-sha256'))).toEqual([SHA_MINUTES]);
    expect(named(result(ar(input)).risks, 'pci-dss', '1.1.1')).toEqual([]);
  });

  it('with nothing to fix, the POA&M holds one item marked as a placeholder', () => {
    const input = sampleInput('en');
    input.parts = input.parts.map((p) => ({
      ...p,
      answers: p.answers.filter((a) => a.meaning !== 'partial' && a.meaning !== 'noncompliant'),
    }));
    const items = poam(input)['poam-items'] as Obj[];
    expect(items).toHaveLength(1);
    expect(one(items[0] as Obj, 'placeholder')).toBe('true');
  });

  it('points import-ap at a back-matter resource and records evidence without inventing URLs', () => {
    const doc = ar(sampleInput());
    const resources = (doc['back-matter'] as Obj).resources as Obj[];
    const href = (doc['import-ap'] as Obj).href as string;
    expect(resources.map((r) => `#${r.uuid as string}`)).toContain(href);
    expect(valuesOf(doc, ['rlinks', 'base64'])).toEqual([]);
    const hrefs = valuesOf(doc, ['href']) as string[];
    expect(hrefs.filter((h) => !h.startsWith('#'))).toEqual(['https://www.pcisecuritystandards.org/document_library/']);
    const policy = resources.find((r) => one(r, 'evidence-sha256') === SHA_POLICY) as Obj;
    expect(ours(policy, 'control').map(exact)).toEqual(['pci-dss:1.1.1', 'ismap:4.1.1.B']);
    expect((doc.metadata as Obj)['oscal-version']).toBe(OSCAL_RESULTS_VERSION);
    expect((doc.metadata as Obj)['last-modified']).toBe('2026-11-22T09:00:00Z');
    expect((doc.metadata as Obj).published).toBe('2026-11-23T01:00:00.000Z');
  });
});
