// Three assessments of the IPA web-meeting checklist (two years of one department, one other department), for the
// roll-up screenshots: enough answers that the groups differ and one control is weak everywhere.
import { call } from '../src/main/api/dispatch';
import type { ServiceContext } from '../src/main/context';

const SAMPLE: { name: string; organization: string; year: number; answers: Record<string, string> }[] = [
  {
    name: 'Web会議 点検 2025',
    organization: '情報システム部',
    year: 2025,
    answers: {
      'S-1.1': 'implemented',
      'S-1.2': 'partial',
      'S-2.1': 'not_implemented',
      'S-3.1': 'partial',
      'M-1.1': 'partial',
    },
  },
  {
    name: 'Web会議 点検 2026',
    organization: '情報システム部',
    year: 2026,
    answers: {
      'S-1.1': 'implemented',
      'S-1.2': 'implemented',
      'S-2.1': 'not_implemented',
      'S-3.1': 'implemented',
      'M-1.1': 'implemented',
      'M-2.1': 'partial',
    },
  },
  {
    name: 'Web会議 点検 2026',
    organization: '人事部',
    year: 2026,
    answers: { 'S-1.1': 'partial', 'S-2.1': 'partial', 'S-3.1': 'not_implemented', 'M-1.1': 'implemented' },
  },
];

export async function seedRollupSample(ctx: ServiceContext): Promise<string[]> {
  const ids: string[] = [];
  for (const s of SAMPLE) {
    const a = await call(ctx, 'assessments.create', {
      name: s.name,
      catalog: 'ipa-web-meeting',
      organization: s.organization,
      periodStart: `${s.year}-04-01`,
      periodEnd: `${s.year + 1}-03-31`,
    });
    for (const [controlKey, value] of Object.entries(s.answers))
      await call(ctx, 'answers.set', { assessmentId: a.id, controlKey, value });
    ids.push(a.id);
  }
  return ids;
}
