import { exclusionAllowed, indexNodes } from '../../core/assessment/exclusion-rule';
import type { AssessmentSummary } from '../../shared/api/types';
import { setAnswer } from './answers';
import { setStatus } from './status';
import { addAssessmentCatalog, createAssessment, getAssessment, listAssessments } from './assessments';
import type { ServiceContext } from '../context';
import { addEvidence } from './evidence';
import { exclusionNodes } from './exclusion-guard';

export const DEMO_ORGANIZATION = '株式会社サンプル商事（デモ）';

/** A tiny deterministic generator, so the sample engagement is the same on every machine. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

const COMMENTS = [
  '情報セキュリティ委員会の議事録（2026年4月）で承認を確認した。',
  '規程は整備済み。運用記録の一部が未提出のため追加で依頼中。',
  'クラウド基盤の設定画面で実装を確認した（画面写しを証跡として添付）。',
  '委託先の SOC 2 Type II 報告書で代替確認。',
  '手順書はあるが、年次の見直しが 2024 年度以降行われていない。',
  '担当者へのヒアリングで運用を確認。記録の保存期間は 1 年。',
];
const OWNERS = ['情報システム部 佐藤', '総務部 鈴木', 'クラウド基盤チーム 高橋', 'CISO室 田中'];

// Minimal but valid files, so previews and hashes behave as with real evidence.
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF_MIN = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

function at(ctx: ServiceContext, iso: string): ServiceContext {
  return { ...ctx, now: () => new Date(iso) };
}

/** Answers a share of one catalog's controls (the first catalog unless named); returns their keys. */
function fill(
  ctx: ServiceContext,
  id: string,
  share: number,
  seed: number,
  opts: { comments: boolean; compliant?: number; catalog?: string },
): string[] {
  const d = getAssessment(ctx, id, opts.catalog);
  const rnd = seeded(seed);
  const scale = d.answerScale;
  const pickValue = () => {
    const r = rnd();
    const by = (m: string) => scale.find((s) => s.meaning === m)?.value ?? null;
    const c = opts.compliant ?? 0.62;
    return r < c
      ? by('compliant')
      : r < c + 0.18
        ? by('partial')
        : r < 0.93
          ? by('noncompliant')
          : by('not_applicable');
  };
  const answered: string[] = [];
  // No exclusion where the catalog forbids it (ISMAP governance and management criteria): not implemented instead.
  const rules = indexNodes(exclusionNodes(ctx, d.catalog.ref));
  const noncompliant = scale.find((s) => s.meaning === 'noncompliant')?.value ?? null;
  for (const c of d.controls.filter((x) => x.assessable && x.applicable)) {
    if (rnd() > share) continue;
    const picked = pickValue();
    const value =
      scale.find((x) => x.value === picked)?.meaning === 'not_applicable' && !exclusionAllowed(c.controlId, rules)
        ? noncompliant
        : picked;
    const s = scale.find((x) => x.value === value);
    const meaning = s?.meaning;
    setAnswer(ctx, {
      assessmentId: id,
      controlKey: d.keyPrefix + c.controlId,
      value,
      ...(opts.comments ? { comment: COMMENTS[Math.floor(rnd() * COMMENTS.length)] } : {}),
      ...(s?.justification === 'required'
        ? { justification: '対象となるシステム・業務が存在しないため（スコープ定義書 2.3 節）。' }
        : {}),
      ...(meaning === 'partial' || meaning === 'noncompliant'
        ? {
            owner: OWNERS[Math.floor(rnd() * OWNERS.length)],
            dueDate: rnd() < 0.3 ? '2026-09-30' : '2027-03-31',
            remediation: '手順書を改訂し、四半期ごとの点検記録を残す。',
          }
        : {}),
    });
    answered.push(d.keyPrefix + c.controlId);
  }
  return answered;
}

/**
 * A realistic sample engagement for newcomers: a client with last year's finished ISMAP self-assessment and this
 * year's half-done one (evidence, owners, due dates, a control marked for review, changed answers in the history),
 * plus a PCI DSS assessment whose answers surface as suggestions through the PCI DSS ↔ ISMAP mapping.
 * Creating it again returns the existing sample.
 */
export function createDemo(ctx: ServiceContext): AssessmentSummary {
  const existing = listAssessments(ctx).find(
    (a) => a.organization?.name === DEMO_ORGANIZATION && a.catalog.catalogId === 'ismap' && a.status !== 'final',
  );
  if (existing) return existing;

  const last = at(ctx, '2025-10-15T10:00:00+09:00');
  const prev = createAssessment(last, {
    name: '2025年度 ISMAP 自己点検（クラウド基盤）',
    catalog: 'ismap',
    organization: DEMO_ORGANIZATION,
    scope: 'SaaS「サンプルクラウド」の本番環境と運用部門',
    assessors: '佐藤 花子、鈴木 一郎',
    periodStart: '2025-09-01',
    periodEnd: '2025-10-31',
  });
  fill(last, prev.id, 1, 11, { comments: false, compliant: 0.45 });
  setStatus(at(ctx, '2025-10-31T17:00:00+09:00'), { id: prev.id, status: 'in_review' });
  setStatus(at(ctx, '2025-11-05T10:00:00+09:00'), { id: prev.id, status: 'final' });

  const pciCtx = at(ctx, '2026-05-20T14:00:00+09:00');
  const pci = createAssessment(pciCtx, {
    name: '2026年度 PCI DSS 準拠状況の確認',
    catalog: 'pci-dss@4.0.1',
    organization: DEMO_ORGANIZATION,
    scope: '決済代行連携サーバと管理端末',
    assessors: '高橋 翔',
  });
  fill(pciCtx, pci.id, 0.5, 23, { comments: true });

  const nowCtx = at(ctx, '2026-06-10T09:30:00+09:00');
  const current = createAssessment(nowCtx, {
    name: '2026年度 ISMAP 自己点検（クラウド基盤）',
    catalog: 'ismap',
    organization: DEMO_ORGANIZATION,
    scope: 'SaaS「サンプルクラウド」の本番環境と運用部門',
    assessors: '佐藤 花子、田中 誠',
    periodStart: '2026-06-01',
    periodEnd: '2026-07-31',
  });
  const answered = fill(nowCtx, current.id, 0.55, 37, { comments: true, compliant: 0.7 });
  const later = at(ctx, '2026-06-18T16:10:00+09:00');
  // A few answers revised after a second look, so the history has something to show.
  for (const id of answered.slice(3, 6))
    setAnswer(later, {
      assessmentId: current.id,
      controlKey: id,
      value: 'partial',
      comment: '再確認の結果、一部の拠点で未実施と判明。',
    });
  if (answered[1])
    setAnswer(later, {
      assessmentId: current.id,
      controlKey: answered[1],
      markedForReview: true,
      comment: '監査法人に解釈を確認する。',
    });
  const evidenceCtx = at(ctx, '2026-06-12T11:00:00+09:00');
  addEvidence(evidenceCtx, {
    assessmentId: current.id,
    controlKeys: answered.slice(0, 2),
    fileName: '情報セキュリティ基本方針_v3.pdf',
    content: PDF_MIN,
  });
  addEvidence(evidenceCtx, {
    assessmentId: current.id,
    controlKeys: answered.slice(2, 3),
    fileName: 'IAMポリシー設定画面.png',
    content: PNG_1PX,
  });
  addEvidence(evidenceCtx, {
    assessmentId: current.id,
    controlKeys: answered.slice(6, 8),
    fileName: 'ログ保管設定_確認記録.txt',
    content: Buffer.from(
      'CloudTrail 相当の監査ログ: 全リージョン有効、保存 400 日、改ざん検知あり（2026-06-12 確認）\n',
    ).toString('base64'),
  });
  // This year's engagement also covers the IPA web-conference checklist: a second catalog with its own tab, and
  // suggestions between the two through the shipped mapping.
  addAssessmentCatalog(at(ctx, '2026-06-15T10:00:00+09:00'), { id: current.id, catalog: 'ipa-web-meeting' });
  fill(at(ctx, '2026-06-15T10:30:00+09:00'), current.id, 0.4, 5, {
    comments: true,
    compliant: 0.75,
    catalog: 'ipa-web-meeting',
  });
  return listAssessments(ctx).find((a) => a.id === current.id) as AssessmentSummary;
}
