// Findings screens for scripts/screenshots.ts: a PCI DSS control answered In Place with CCW (its worksheet under the
// answer), a finding with its severity, and the report page's 総評 field.
import type { Page } from 'playwright-core';
import { call } from '../src/main/api/dispatch';
import type { ServiceContext } from '../src/main/context';

type Go = (hash: string, ready: string) => Promise<void>;
type Shot = (name: string) => Promise<unknown>;

/** Made once (before the languages loop): a PCI DSS assessment with a CCW answer, two findings and a 総評. */
export async function prepareFindings(ctx: ServiceContext, organization: string): Promise<{ id: string }> {
  const a = await call(ctx, 'assessments.create', {
    name: 'PCI DSS 自己評価 2026',
    catalog: 'pci-dss@4.0.1',
    organization,
  });
  await call(ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: '8.3.6',
    value: 'in_place_ccw',
    justification: '旧システムの制約のため、代替コントロールで要件の趣旨を満たす。',
    ccwConstraints: '決済端末の管理ソフトが旧版で、パスワード長を12文字にできない（ベンダー回答 2026年4月）。',
    ccwObjective: '推測・総当たりによる認証の突破を防ぐ。',
    ccwDefinition: '多要素認証を全利用者に必須とし、認証ログを毎日レビューする。',
  });
  await call(ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: '1.2.1',
    value: 'not_in_place',
    severity: 'high',
    owner: '情報システム部',
    dueDate: '2027-06-30',
    remediation: 'CDE と社内ネットワークのファイアウォールを分離する。',
  });
  await call(ctx, 'assessments.update', {
    id: a.id,
    overallComment: '全体として要件はおおむね満たされているが、ネットワーク分離に重大な指摘がある。',
  });
  return { id: a.id };
}

export async function findingsShots(page: Page, go: Go, shot: Shot, id: string): Promise<void> {
  await go(`#/assessments/${id}?control=8.3.6`, 'fieldset.worksheet');
  await page.locator('fieldset.worksheet').scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await shot('findings-ccw');
  // Through the home list: a new ?control= on the same screen does not move the selection.
  await go('#/', '.table');
  await go(`#/assessments/${id}?control=1.2.1`, 'select[name="severity"]');
  await shot('findings-severity');
  await go(`#/assessments/${id}/report`, 'textarea[name="overallComment"]');
  await shot('findings-overall-comment');
}
