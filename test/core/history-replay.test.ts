import { describe, expect, it } from 'vitest';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';
import { EVIDENCE_NAME_MAX, safeEvidenceName, visibleName } from '../../src/core/assessment/evidence-name';
import { checkHistory, type HistoryEntry, type StoredState } from '../../src/core/audit/replay';

const T = '2026-06-01T00:00:00.000Z';
let n = 0;
const entry = (
  action: string,
  entityId: string,
  oldValue: unknown,
  newValue: unknown,
  at = T,
  actor = 'sato',
): HistoryEntry => ({ seq: ++n, at, actor, action, entity: 'answer', entityId, oldValue, newValue });
const answer = (value: string | null, more: object = {}) => ({ ...EMPTY_ANSWER, value, ...more });

function history(): HistoryEntry[] {
  n = 0;
  return [
    entry('assessment.create', 'A', null, { name: '点検', catalog: 'ismap@2024-07' }),
    entry('answer.set', '1.1', null, answer('implemented')),
    entry('answer.set', '1.1', answer('implemented'), { ...answer('partial', { comment: '一部' }), batch: 'b1' }),
    entry('evidence.add', 'E1', null, {
      fileName: 'a.pdf',
      sha256: 'f'.repeat(64),
      size: 3,
      mediaType: 'application/pdf',
    }),
    entry('evidence.link', '1.1', null, { evidenceId: 'E1', fileName: 'a.pdf', sha256: 'f'.repeat(64) }),
    entry('assessment.status', 'A', { status: 'draft' }, { status: 'in_review' }),
  ];
}

const stored = (over: Partial<StoredState> = {}): StoredState => ({
  status: 'in_review',
  details: { name: '点検', scope: '', assessors: '', periodStart: null, periodEnd: null, overallComment: '' },
  answers: [
    { ...answer('partial', { comment: '一部' }), controlKey: '1.1', revision: 2, updatedAt: T, updatedBy: 'sato' },
  ],
  evidence: [
    { id: 'E1', fileName: 'a.pdf', sha256: 'f'.repeat(64), size: 3, addedBy: 'sato', addedAt: T, controlKeys: ['1.1'] },
  ],
  dismissals: [],
  ...over,
});

describe('history replay (core/audit/replay.ts)', () => {
  it('a history and the state it produced agree', () => {
    expect(checkHistory(history(), 'ismap', stored())).toBeNull();
  });

  it('names the entry that contradicts the ones before it', () => {
    const h = history();
    h.splice(1, 1); // the first answer deleted
    expect(checkHistory(h, 'ismap', stored())).toMatchObject({
      subject: 'history',
      key: '1.1',
      seq: 3,
      action: 'answer.set',
    });
    const moved = history();
    [moved[1], moved[2]] = [moved[2]!, moved[1]!];
    expect(checkHistory(moved, 'ismap', stored())).toMatchObject({ subject: 'history', seq: 3 });
    const relinked = history();
    relinked.push(entry('evidence.link', '1.1', null, { evidenceId: 'E1' }));
    expect(checkHistory(relinked, 'ismap', stored())).toMatchObject({
      subject: 'history',
      field: 'evidence.link',
      seq: 7,
    });
    const statusJump = history();
    statusJump.push(entry('assessment.status', 'A', { status: 'draft' }, { status: 'final' }));
    expect(checkHistory(statusJump, 'ismap', stored())).toMatchObject({
      subject: 'history',
      field: 'status',
      expected: '"in_review"',
      stored: '"draft"',
      seq: 7,
    });
    expect(checkHistory(history().slice(1), 'ismap', stored())).toMatchObject({
      subject: 'history',
      field: 'first entry',
    });
    expect(checkHistory([], 'ismap', stored())).toMatchObject({ subject: 'history', field: 'first entry', seq: null });
  });

  it('names what is stored differently from the history, with the entry that last wrote it', () => {
    const s = stored();
    expect(checkHistory(history(), 'ismap', { ...s, answers: [{ ...s.answers[0]!, comment: '改変' }] })).toMatchObject({
      subject: 'answer',
      key: '1.1',
      field: 'comment',
      expected: '"一部"',
      stored: '"改変"',
      seq: 3,
    });
    expect(checkHistory(history(), 'ismap', { ...s, answers: [{ ...s.answers[0]!, revision: 1 }] })).toMatchObject({
      field: 'revision',
      seq: 3,
    });
    expect(
      checkHistory(history(), 'ismap', {
        ...s,
        answers: [
          ...s.answers,
          { ...answer('implemented'), controlKey: '9.9', revision: 1, updatedAt: T, updatedBy: 'x' },
        ],
      }),
    ).toMatchObject({ subject: 'answer', key: '9.9', seq: null });
    expect(checkHistory(history(), 'ismap', { ...s, answers: [] })).toMatchObject({
      subject: 'answer',
      key: '1.1',
      stored: 'null',
    });
    expect(
      checkHistory(history(), 'ismap', { ...s, evidence: [{ ...s.evidence[0]!, controlKeys: [] }] }),
    ).toMatchObject({ subject: 'link', key: '1.1', seq: 5 });
    expect(
      checkHistory(history(), 'ismap', { ...s, evidence: [{ ...s.evidence[0]!, fileName: 'b.pdf' }] }),
    ).toMatchObject({ subject: 'evidence', key: 'E1', field: 'fileName', seq: 4 });
    expect(checkHistory(history(), 'ismap', { ...s, status: 'final' })).toMatchObject({ subject: 'status', seq: 6 });
    expect(checkHistory(history(), 'ismap', { ...s, details: { ...s.details, name: '別名' } })).toMatchObject({
      subject: 'assessment',
      field: 'name',
      seq: 1,
    });
  });

  it('an upgrade drops the answers and links it lists; keys outside the first catalog carry their prefix', () => {
    const h = history();
    h.push(entry('answer.set', 'pci-dss:1.1.1', null, answer('in_place')));
    h.push(
      entry(
        'assessment.upgrade',
        'A',
        { catalog: 'ismap@2024-07' },
        { catalog: 'ismap@2025-01', changed: [{ controlId: '1.1' }], removed: [] },
      ),
    );
    expect(
      checkHistory(
        h,
        'ismap',
        stored({
          answers: [
            { ...answer('in_place'), controlKey: 'pci-dss:1.1.1', revision: 1, updatedAt: T, updatedBy: 'sato' },
          ],
          evidence: [{ ...stored().evidence[0]!, controlKeys: [] }],
        }),
      ),
    ).toBeNull();
  });

  it('an upgrade also drops what the catalogs say it could not carry (withdrawn before, missing after)', () => {
    const h = history();
    h.push(
      entry(
        'assessment.upgrade',
        'A',
        { catalog: 'ismap@2024-07' },
        { catalog: 'ismap@2025-01', changed: [], removed: [] },
      ),
    );
    const kept = (from: string, to: string, id: string) =>
      !(from === 'ismap@2024-07' && to === 'ismap@2025-01' && id === '1.1');
    expect(
      checkHistory(h, 'ismap', stored({ answers: [], evidence: [{ ...stored().evidence[0]!, controlKeys: [] }] }), {
        keptOnUpgrade: kept,
      }),
    ).toBeNull();
    expect(checkHistory(h, 'ismap', stored(), { keptOnUpgrade: kept })).toMatchObject({
      subject: 'answer',
      key: '1.1',
      seq: null,
    });
    expect(checkHistory(h, 'ismap', stored())).toBeNull();
  });
});

describe('evidence names (core/assessment/evidence-name.ts)', () => {
  it('reduces any name to a plain base name', () => {
    expect(safeEvidenceName('../../../../tmp/evil.sh')).toBe('evil.sh');
    expect(safeEvidenceName('C:\\Users\\sato\\議事録.pdf')).toBe('議事録.pdf');
    expect(safeEvidenceName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeEvidenceName('a\u0000b\u0007c\u2066d\u200f.txt')).toBe('abcd.txt');
    expect(safeEvidenceName('report.pdf. . ')).toBe('report.pdf');
    expect(safeEvidenceName('..')).toBe('evidence');
    expect(safeEvidenceName('dir/')).toBe('evidence');
    expect(safeEvidenceName('情報セキュリティ基本方針_v3.pdf')).toBe('情報セキュリティ基本方針_v3.pdf');
    const long = `${'😀'.repeat(300)}.xlsx`;
    const cut = safeEvidenceName(long);
    expect(cut.length).toBeLessThanOrEqual(EVIDENCE_NAME_MAX);
    expect(cut.endsWith('.xlsx')).toBe(true);
    expect(cut).toBe(cut.normalize()); // no half of a surrogate pair left
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut)).toBe(false);
    expect(safeEvidenceName(cut)).toBe(cut);
  });

  it('shows the characters it would drop, escaped', () => {
    expect(visibleName('a\u202Eb')).toBe('a\\u{202e}b');
  });
});
