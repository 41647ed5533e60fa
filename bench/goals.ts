// The goals of issue #14 part 4 and 5, each judged on the figure it names (npm run bench prints them beside it).
import type { UiFigure } from './answering-ui';

type Goal = { match: (name: string) => boolean; goal: string; holds: (f: UiFigure) => boolean };

const ratio = (f: UiFigure) => f.ratio ?? Infinity;
const GOALS: Goal[] = [
  { match: (n) => n === 'start.warm p50', goal: 'ratio ≤3', holds: (f) => ratio(f) <= 3 },
  { match: (n) => n === 'answer.save p50', goal: 'ratio ≤3', holds: (f) => ratio(f) <= 3 },
  {
    match: (n) => n === 'answering.save over HTTP minus the direct call p50',
    goal: '≤1 ms above the direct call',
    holds: (f) => f.value <= 1,
  },
  {
    match: (n) => /^catalog\.search .* at \d+ controls/.test(n),
    goal: 'ratio <1 (faster than the scan) and p95 <10 ms',
    holds: (f) => ratio(f) < 1 && (f.p95 ?? Infinity) < 10,
  },
  { match: (n) => n.startsWith('report.pdf p50'), goal: 'ratio ≤1.3', holds: (f) => ratio(f) <= 1.3 },
  { match: (n) => n.startsWith('cli.'), goal: 'well under 300 ms (≤200 ms)', holds: (f) => f.value <= 200 },
  { match: (n) => n.startsWith('catalog.import'), goal: 'ratio ≤1.5', holds: (f) => ratio(f) <= 1.5 },
  {
    match: (n) => n.startsWith('consultant.') && !n.startsWith('consultant.generate'),
    goal: 'growth ≤10x from 20 to 200 assessments (no worse than linear)',
    holds: (f) => ratio(f) <= 10,
  },
];

export function withGoals(figures: UiFigure[]): UiFigure[] {
  return figures.map((f) => {
    const g = GOALS.find((x) => x.match(f.name));
    return g ? { ...f, goal: g.goal, holds: g.holds(f) } : f;
  });
}
