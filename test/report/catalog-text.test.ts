import { describe, expect, it } from 'vitest';
import {
  buildReportModel,
  controlHeading,
  isStructuralId,
  noteInLanguage,
  titleCarriesId,
  type ReportModel,
} from '../../src/core/report/model';
import { call } from '../../src/main/api/dispatch';
import { collectReportInput, reportHtml } from '../../src/main/report/build';
import { renderReportHtml } from '../../src/main/report/render/html';
import { freshRuntime } from '../support/workspace';

/**
 * What the report prints from the catalog itself: group headings (no synthetic IDs like `goal-1`, no ID dropped
 * because the title merely starts with its letters), the notes naming the catalog's own answer labels, the catalog's
 * "日本語 / English" notes in the report language, and table columns that fit the catalog's answer labels.
 */

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A PCI DSS v4.0.1 assessment with one answer of each kind that reaches the findings and the exclusions. */
async function pci() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'assessments.create', { name: 'PCI DSS 自己評価', catalog: 'pci-dss@4.0.1' });
  const detail = await call(rt.ctx, 'assessments.get', { id: a.id });
  const ids = detail.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
  const answers = [
    { value: 'not_in_place', owner: '情報システム部', dueDate: '2026-12-31', remediation: '手順を整備する。' },
    { value: 'in_place_ccw', justification: '代替コントロールで趣旨を満たす。' },
    { value: 'not_applicable', justification: '無線LANは使用していない。' },
    { value: 'not_tested', justification: '今回の評価範囲外。' },
  ];
  for (const [i, ans] of answers.entries())
    await call(rt.ctx, 'answers.set', {
      assessmentId: a.id,
      controlKey: ids[i * 40] as string,
      comment: 'コメント',
      ...ans,
    });
  const model = (lang: 'ja' | 'en') => buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang }));
  return { rt, a, model };
}

describe('report cover: what the control texts are', () => {
  it('a Tenken checklist is called Tenken\u2019s own, with no original to consult; a summarised catalog points to its source', async () => {
    const rt = await freshRuntime();
    const own = await call(rt.ctx, 'assessments.create', { name: 'バックアップ点検', catalog: 'backup-operations' });
    const web = await call(rt.ctx, 'assessments.create', { name: 'Web会議点検', catalog: 'ipa-web-meeting' });
    const note = (id: string, lang: 'ja' | 'en') =>
      buildReportModel(collectReportInput(rt.ctx, { assessmentId: id, lang })).cover.textKindNote;
    expect(note(own.id, 'ja')).toContain('独自に作成した点検項目');
    expect(note(own.id, 'ja')).not.toContain('原典を参照');
    expect(note(own.id, 'en')).toContain('own checklist');
    expect(note(web.id, 'ja')).toContain('原典を参照');
  });
});

async function ismap() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'demo.create', {});
  return (lang: 'ja' | 'en') => buildReportModel(collectReportInput(rt.ctx, { assessmentId: a.id, lang }));
}

/** Every <col> width (in %) of each table whose header row has all the given labels. */
function columnWidths(html: string, headers: string[]): Record<string, number>[] {
  const tables = [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1] as string);
  return tables.flatMap((t) => {
    const widths = [...t.matchAll(/<col style="width:([\d.]+)%"\/>/g)].map((m) => Number(m[1]));
    const labels = [...t.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1] as string);
    if (!headers.every((h) => labels.includes(h))) return [];
    return [Object.fromEntries(labels.map((l, i) => [l, widths[i] as number]))];
  });
}

describe('control IDs in headings', () => {
  it('keep the ID when the title only starts with its letters ("Appendix" is not the ID "A")', () => {
    expect(titleCarriesId('A', 'Appendix A: Requirements for particular kinds of entity')).toBe(false);
    expect(controlHeading('A', 'Appendix A: Requirements for particular kinds of entity')).toBe(
      'A Appendix A: Requirements for particular kinds of entity',
    );
    for (const title of [
      'A',
      'A Additional requirements',
      'A\u3000付録',
      'A: Additional',
      'A\uff1a付録',
      'A. Additional',
      'A) Additional',
    ]) {
      expect(titleCarriesId('A', title), title).toBe(true);
      expect(controlHeading('A', title), title).toBe(title);
    }
    expect(controlHeading('3', '31 Something')).toBe('3 31 Something');
    expect(controlHeading('A1', 'Additional requirements for multi-tenant providers')).toBe(
      'A1 Additional requirements for multi-tenant providers',
    );
  });

  it('leave out IDs the catalog invented for grouping (goal-1 next to 目標1), and only those', () => {
    expect(isStructuralId('goal-1', '目標1：ネットワークとシステムの安全')).toBe(true);
    expect(isStructuralId('goal-1', 'Goal 1: Network and system security')).toBe(true);
    expect(isStructuralId('part-2', 'Part 2 従業員としての対策')).toBe(true);
    expect(controlHeading('goal-6', 'Goal 6: Policy and organisational programmes')).toBe(
      'Goal 6: Policy and organisational programmes',
    );
    // The number must be the title's own: not part of a longer number, not missing.
    expect(isStructuralId('goal-1', 'Goal 12: Something')).toBe(false);
    expect(isStructuralId('goal-1', 'Network and system security')).toBe(false);
    // IDs of standards are never synthetic, whatever the title says.
    for (const [id, title] of [
      ['1', '要件1：ネットワーク'],
      ['A1', 'A1 Multi-tenant'],
      ['S-1', 'S-1 Service 1'],
      ['12.3.4', '12.3.4 Review'],
    ] as const)
      expect(isStructuralId(id, title), id).toBe(false);
  });

  it('print PCI DSS goals by their titles only, in headings, the group table and the radar, and Appendix A with its ID', async () => {
    const { model } = await pci();
    for (const lang of ['ja', 'en'] as const) {
      const m = model(lang);
      const texts = [
        ...m.groups.map((g) => g.heading),
        ...m.summary.groups.flatMap((g) => [g.heading, g.shortLabel]),
        ...(m.summary.radar?.labels.map((l) => l.text) ?? []),
      ];
      expect(
        texts.filter((t) => /goal-\d/.test(t)),
        lang,
      ).toEqual([]);
      // Anywhere in the page, except in the catalog's own note that explains those IDs.
      const html = renderReportHtml(m, { fontCss: '' });
      const body = html.slice(0, html.indexOf(`<h3>${m.labels.unverifiedNote}</h3>`));
      expect(body.length).toBeGreaterThan(10_000);
      expect(/.{0,60}goal-\d.{0,60}/.exec(body)?.[0] ?? null, lang).toBeNull();
    }
    const ja = model('ja');
    expect(ja.groups.map((g) => g.heading)).toEqual(
      expect.arrayContaining(['目標1：ネットワークとシステムの安全', 'A 付録A：特定の事業者だけに求められる要件']),
    );
    expect(ja.summary.groups[0]?.shortLabel).toMatch(/^目標1：/);
    const en = model('en');
    expect(en.groups[0]?.heading).toBe('Goal 1: Network and system security');
    expect(en.groups.at(-1)?.heading).toBe('A Appendix A: Requirements for particular kinds of entity');
    expect(en.summary.groups.at(-1)?.heading).toBe('A Appendix A: Requirements for particular kinds of entity');
  });

  it('keep ISMAP headings as they were (ID and title)', async () => {
    const model = await ismap();
    expect(model('ja').groups[0]?.heading).toMatch(/^3 /);
    expect(model('en').groups.map((g) => g.heading)).toContain('9 Access rights and authentication');
  });
});

describe('notes naming answers', () => {
  it('use the catalog\u2019s own labels of noncompliant and partial answers (PCI DSS: 不適合, not 未実施)', async () => {
    const { model } = await pci();
    const ja = model('ja');
    expect(ja.findings.length).toBeGreaterThan(0);
    expect(ja.findingsNote).toContain('「不適合（Not in Place）」と回答した管理策');
    expect(ja.findingsNote).not.toMatch(/未実施|一部実施/);
    expect(ja.exclusionsNote).toContain('「該当なし（Not Applicable）」または「未テスト（Not Tested）」');
    expect(model('en').findingsNote).toBe(
      'Controls answered \u201cNot in Place\u201d, highest severity first (not set last), then earliest due date first (no due date last).',
    );
    expect(model('en').exclusionsNote).toContain('\u201cNot Applicable\u201d or \u201cNot Tested\u201d');
    expect(renderReportHtml(ja, { fontCss: '' })).toContain(ja.findingsNote);
  });

  it('read as before for ISMAP, whose labels are 未実施 and 一部実施', async () => {
    const model = await ismap();
    expect(model('ja').findingsNote).toBe(
      '「未実施」または「一部実施」と回答した管理策を、重大度の高い順（未設定は最後）、同じ重大度の中では改善期限の早い順に示します（期限未設定は末尾）。',
    );
    expect(model('en').findingsNote).toContain('\u201cNot implemented\u201d or \u201cPartially implemented\u201d');
  });
});

describe('catalog notes in the report language', () => {
  it('pick the report language\u2019s half of a "日本語 / English" note, and leave any other note as it is', () => {
    const pair = '公表日は2024年7月（日は未確認）。 / Publication is July 2024 (day unknown).';
    expect(noteInLanguage(pair, 'ja')).toBe('公表日は2024年7月（日は未確認）。');
    expect(noteInLanguage(pair, 'en')).toBe('Publication is July 2024 (day unknown).');
    // A " / " inside the English half stays in it.
    expect(
      noteInLanguage('改訂案は未確認。 / Expected realignment to JIS Q 27001:2023 / 27002:2024 is unverified.', 'en'),
    ).toBe('Expected realignment to JIS Q 27001:2023 / 27002:2024 is unverified.');
    for (const note of [
      'IPA\u2019s licence / terms of use were not verified.',
      'Cross-references to ISMAP 管理策基準 統制目標 are our own.',
      '英語のない注記 / 続き',
      'Goal IDs goal-1 … goal-6 are assigned by Tenken.',
    ]) {
      expect(noteInLanguage(note, 'ja'), note).toBe(note);
      expect(noteInLanguage(note, 'en'), note).toBe(note);
    }
  });

  it('print the ISMAP notes in Japanese in the Japanese report and in English in the English one', async () => {
    const model = await ismap();
    const ja = model('ja').source.unverified;
    const en = model('en').source.unverified;
    expect(ja.length).toBeGreaterThan(5);
    expect(en).toHaveLength(ja.length);
    expect(ja.every((u) => JAPANESE.test(u) && !/ \/ [A-Z]/.test(u))).toBe(true);
    expect(en.filter((u) => JAPANESE.test(u))).toEqual([]);
    expect(ja[1]).toBe(
      '公表日は2024年7月（日は未確認）。2024年7月改訂の内容（詳細管理策4件の追加、例示4件の追加、文言修正1件）は二次情報（KPMG 2024-09）による。',
    );
    expect(en[0]).toContain('(expected realignment to JIS Q 27001:2023 / 27002:2024)');
  });
});

describe('table columns', () => {
  const check = (m: ReportModel) => {
    const L = m.labels;
    const html = reportHtml(m);
    const results = columnWidths(html, [L.comment, L.justification, L.evidenceFiles]);
    expect(results.length).toBeGreaterThan(0);
    for (const t of results) {
      // The justification (why N/A, the CCW) is what auditors read: never narrower than the comment.
      expect(t[L.justification]).toBeGreaterThanOrEqual(t[L.comment] as number);
      expect(Object.values(t).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    }
    const [exclusions] = columnWidths(html, [L.controlTitle, L.answer, L.justification]).filter(
      (t) => !(L.comment in t),
    );
    expect(exclusions?.[L.justification]).toBeGreaterThanOrEqual(50);
    return {
      results: results[0] as Record<string, number>,
      answer: (results[0] as Record<string, number>)[L.answer] as number,
    };
  };

  it('give the justification at least the comment\u2019s width, and the answer column room for the catalog\u2019s longest label', async () => {
    const { model } = await pci();
    const pciJa = check(model('ja'));
    // 代替コントロールで適合（In Place with CCW） on three lines at most.
    expect(pciJa.answer).toBeGreaterThan(13);
    check(model('en'));
    const ismapModel = await ismap();
    expect(check(ismapModel('ja')).answer).toBe(11);
    check(ismapModel('en'));
  });
});
