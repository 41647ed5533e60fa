// How long the `tenken` command takes to start and answer, beside Node itself starting (`node -e 0`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UiFigure } from './answering-ui';

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const BIN = join(__dirname, '..', 'bin', 'tenken.cjs');

function timedRuns(args: string[], runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return p50(out);
}

export function cliStartFigures(runs = 11): UiFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'tenken-bench-cli-'));
  try {
    // The first command creates the workspace and loads the catalogs; the timed ones find them unchanged.
    timedRuns([BIN, '--data-dir', dir, 'catalog', 'list'], 1);
    const node = timedRuns(['-e', '0'], runs);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return [
      ['version', [BIN, 'version']],
      ['catalog list', [BIN, '--data-dir', dir, 'catalog', 'list']],
    ].map(([name, args]) => {
      const ms = timedRuns(args as string[], runs);
      return {
        name: `cli.${name as string} p50 (process start to exit)`,
        unit: 'ms' as const,
        value: r1(ms),
        floor: r1(node),
        ratio: r1(ms / node),
        note: 'floor: node -e 0 (Node starting and exiting with nothing to do); spawnSync loop',
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
