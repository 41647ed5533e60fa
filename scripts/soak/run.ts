// `npm run soak [-- --cycles N --seed S]`: the crash harness, long (1,000 cycles by default). Prints its figures as
// JSON and exits non-zero when any acknowledged save was lost or a reopen failed a check.
import { parseArgs } from 'node:util';
import { runSoak } from './harness';

const { values } = parseArgs({ options: { cycles: { type: 'string' }, seed: { type: 'string' } } });
void (async () => {
  const figures = await runSoak({
    cycles: Number(values.cycles ?? 1000),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify(figures, null, 2));
  process.exitCode = figures.lost || figures.integrityFailures || figures.chainFailures ? 1 : 0;
})();
