// The 1,200-control assessment every report bench prints: two thirds answered yes, one third no, with comments.
import { call } from '../src/main/api/dispatch';
import type { ServiceContext } from '../src/main/context';
import { syntheticCatalog } from './answering-ui';

export async function benchReportAssessment(ctx: ServiceContext): Promise<string> {
  await call(ctx, 'catalogs.import', { fileName: 'synthetic.yaml', content: syntheticCatalog(1200) });
  const a = await call(ctx, 'assessments.create', {
    name: 'bench 1200',
    catalog: 'synthetic-2000',
    organization: '株式会社ベンチ',
  });
  const ids = (await call(ctx, 'assessments.get', { id: a.id })).controls
    .filter((c) => c.assessable)
    .map((c) => c.controlId);
  await call(ctx, 'answers.batch', {
    assessmentId: a.id,
    controlKeys: ids.filter((_, i) => i % 3 !== 0),
    value: 'yes',
    comment: '規程と運用記録で確認した。',
  });
  await call(ctx, 'answers.batch', {
    assessmentId: a.id,
    controlKeys: ids.filter((_, i) => i % 3 === 0),
    value: 'no',
    comment: '未整備。次年度に対応する。',
  });
  return a.id;
}
