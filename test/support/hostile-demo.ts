import { call } from '../../src/main/api/dispatch';
import { freshRuntime } from './workspace';

/** Text a report must print literally: markup, spreadsheet formulas, and a 10,000-character string. */
export const LONG = `長文開始${'ABCDEFGHIJ'.repeat(999)}長文終了`;
export const HOSTILE = {
  comment: '<script>alert(1)</script>',
  justification: '=HYPERLINK("http://x","y")',
  owner: '@SUM(A1)',
  remediation: LONG,
};

/** The sample engagement with the hostile text on ISMAP 4.1 (answered as not implemented, due 2026-08-01). */
export async function hostileDemo() {
  const rt = await freshRuntime();
  const a = await call(rt.ctx, 'demo.create', {});
  await call(rt.ctx, 'answers.set', {
    assessmentId: a.id,
    controlKey: '4.1',
    value: 'not_implemented',
    ...HOSTILE,
    dueDate: '2026-08-01',
  });
  return { rt, a };
}
