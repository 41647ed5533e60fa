import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';
import type {
  AnswerRecord,
  AssessmentPartRecord,
  ControlRecord,
  EvidenceRecord,
} from '../../src/core/assessment/records';
import type { AnswerValue } from '../../src/core/catalog/format';
import { buildReportModel, type ReportInput } from '../../src/core/report/model';

// The report model from a hand-made input: no workspace, no services — what each section prints follows from the data.
const t = (ja: string, en: string) => ({ ja, en });
const scale: AnswerValue[] = [
  { value: 'yes', label: t('実施', 'Implemented'), meaning: 'compliant', score: 1, justification: 'optional' },
  { value: 'no', label: t('未実施', 'Not implemented'), meaning: 'noncompliant', score: 0, justification: 'optional' },
  { value: 'na', label: t('除外', 'Excluded'), meaning: 'not_applicable', score: null, justification: 'required' },
];
const control = (controlId: string, over: Partial<ControlRecord> = {}): ControlRecord => ({
  controlId,
  parentId: null,
  depth: 0,
  assessable: true,
  mandatory: true,
  title: t(`管理策 ${controlId}`, `Control ${controlId}`),
  description: null,
  guidance: null,
  providerGuidance: null,
  evidence: null,
  tags: [],
  unverified: null,
  applicable: true,
  weight: null,
  excludable: true,
  ...over,
});
const answer = (controlId: string, over: Partial<AnswerRecord>): AnswerRecord => ({
  controlId,
  controlKey: `pci:${controlId}`,
  ...EMPTY_ANSWER,
  updatedAt: '2026-12-01T03:00:00Z',
  updatedBy: '佐藤',
  revision: 1,
  ...over,
});
const part: AssessmentPartRecord = {
  id: '9c07104c-5e95-47e7-82f6-0a91cff01923',
  name: '2026年度 点検',
  assessors: '佐藤',
  scope: '本番環境',
  periodStart: '2026-04-01',
  periodEnd: '2027-03-31',
  status: 'draft',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-12-01T03:00:00Z',
  organization: { id: 'o', name: '株式会社テスト' },
  profile: 'saq-a',
  profiles: [{ id: 'saq-a', label: t('SAQ A', 'SAQ A') }],
  catalog: { ref: 2, catalogId: 'pci', version: '4.0.1', title: t('PCI DSS', 'PCI DSS') },
  catalogs: [
    { catalogId: 'ismap', version: '2024-07', title: t('ISMAP', 'ISMAP') },
    { catalogId: 'pci', version: '4.0.1', title: t('PCI DSS', 'PCI DSS') },
  ],
  keyPrefix: 'pci:',
  answerScale: scale,
  scoring: null,
  controls: [
    control('1', { assessable: false }),
    control('1.1', { parentId: '1', depth: 1 }),
    control('1.2', { parentId: '1', depth: 1 }),
    control('2', { assessable: false }),
    control('2.1', { parentId: '2', depth: 1 }),
    control('2.2', { parentId: '2', depth: 1 }),
    control('2.3', { parentId: '2', depth: 1, applicable: false }),
  ],
  answers: [
    answer('1.1', { value: 'yes' }),
    answer('1.2', { value: 'no', dueDate: '2027-01-31', owner: '情シス', remediation: 'MFA を導入' }),
    answer('2.1', { value: 'no', dueDate: '2026-12-20', remediation: 'ログ保管を延長' }),
    answer('2.2', { value: 'na', justification: 'カード情報を保存しない' }),
  ],
};
const evidence: EvidenceRecord[] = [
  {
    id: 'e1',
    fileName: '方針.pdf',
    sha256: 'a'.repeat(64),
    size: 12345,
    mediaType: 'application/pdf',
    addedBy: '佐藤',
    addedAt: '2026-11-02T00:00:00Z',
    controlKeys: ['pci:1.1', '5.1.1'],
  },
];
const input = (over: Partial<ReportInput> = {}): ReportInput =>
  ({
    detail: part,
    evidence,
    audit: { entries: 40, head: 'f'.repeat(64), ok: true, assessmentEntries: 12 },
    catalog: {
      title: t('PCI DSS', 'PCI DSS'),
      version: '4.0.1',
      publisher: t('PCI SSC', 'PCI SSC'),
      published: '2024-06',
      sourceUrl: null,
      licenceNote: t('注記', 'Note'),
      textKind: 'own-summary',
    },
    lang: 'ja',
    marking: '',
    generatedAt: '2026-12-03T05:00:00Z',
    appVersion: '0.1.0',
    timeZone: 'Asia/Tokyo',
    ...over,
  }) as ReportInput;

describe('the report model from a hand-made input', () => {
  const m = buildReportModel(input());

  it("reports on the controls in scope only, under their groups, with the catalog's own answer labels", () => {
    expect(m.groups.map((g) => [g.controlId, g.rows.map((r) => [r.controlId, r.answer])])).toEqual([
      [
        '1',
        [
          ['1.1', '実施'],
          ['1.2', '未実施'],
        ],
      ],
      [
        '2',
        [
          ['2.1', '未実施'],
          ['2.2', '除外'],
        ],
      ],
    ]);
    expect(m.summary.total).toBe(4);
    expect(m.summary.answered).toBe(4);
    expect(m.summary.counts.map((c) => [c.label, c.count])).toEqual([
      ['実施', 1],
      ['未実施', 2],
      ['除外', 1],
      ['未回答', 0],
    ]);
  });

  it('lists findings by due date first and exclusions with their reasons', () => {
    expect(m.findings.map((f) => [f.controlId, f.owner, f.remediation])).toEqual([
      ['2.1', '', 'ログ保管を延長'],
      ['1.2', '情シス', 'MFA を導入'],
    ]);
    expect(m.findingsNote).toContain('「未実施」');
    expect(m.exclusions).toEqual([
      {
        controlId: '2.2',
        title: '管理策 2.2',
        answer: '除外',
        justification: 'カード情報を保存しない',
        missing: false,
      },
    ]);
  });

  it("names evidence by this catalog's IDs and drops links to other catalogs", () => {
    expect(m.evidence.map((e) => [e.fileName, e.controlIds, e.sizeText])).toEqual([
      ['方針.pdf', ['1.1'], '12,345 バイト'],
    ]);
    expect(m.groups[0]?.rows[0]?.evidence).toEqual(['方針.pdf']);
  });

  it("prints on the cover the profile and the assessment's other catalogs, the default marking of the report language", () => {
    const fields = new Map(m.cover.fields.map((f) => [f.label, f.value]));
    expect(fields.get('適用プロファイル')).toBe('SAQ A (saq-a)');
    expect(fields.get('同じ点検の他のカタログ（別の報告書）')).toBe('ISMAP 2024-07');
    expect(m.marking).toBe('社外秘');
    expect(buildReportModel(input({ lang: 'en' })).marking).toBe('Confidential');
  });

  it('prints only the sections asked for, and the history figures as given', () => {
    expect(buildReportModel(input({ sections: ['findings'] })).sections).toEqual(['findings']);
    expect(m.audit.fields.map((f) => f.value)).toEqual(['40', '12', 'f'.repeat(64), m.labels.auditOk]);
  });
});
