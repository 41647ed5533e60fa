// The crash harness: kills the writer — the CLI (`tenken answer`, a process per save) and the browser shell
// (`tenken web`, saves over HTTP) — with SIGKILL at random points while it saves, then reopens the workspace the way
// the app does and checks that every save it acknowledged is there, that SQLite's integrity_check passes and that
// `audit verify` (chain and replay) passes. `npm run soak` runs it long; test/workspace/soak.test.ts runs it short.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../../src/main/api/dispatch';
import { startRuntime } from '../../src/main/app/runtime';

const BIN = join(__dirname, '../../bin/tenken.cjs');
const VALUES = ['implemented', 'partial', 'not_implemented'];

export type SoakFigures = {
  cycles: number;
  cliCycles: number;
  shellCycles: number;
  /** Saves answered as done (CLI exit 0 with its JSON; HTTP 200). */
  acknowledged: number;
  /** Acknowledged saves missing or older after the reopen. Must be 0. */
  lost: number;
  /** Kills that hit a writer before it had answered its last save. */
  killedMidSave: number;
  integrityFailures: number;
  chainFailures: number;
  seconds: number;
  firstFailure: string | null;
};

type Acked = { revision: number; comment: string };
type Rng = () => number;

/** A small seeded generator, so a failing run can be repeated with its seed. */
function rng(seed: number): Rng {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/** One `tenken answer` process; resolves with the saved revision, or null when it was killed or failed. */
function cliSave(dataDir: string, assessmentId: string, controlKey: string, value: string, comment: string) {
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--data-dir',
      dataDir,
      '--json',
      'answer',
      '--assessment',
      assessmentId,
      '--control',
      controlKey,
      '--value',
      value,
      '--comment',
      comment,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      if (code !== 0) return resolve(null);
      try {
        resolve((JSON.parse(out) as { answer: { revision: number } }).answer.revision);
      } catch {
        resolve(null);
      }
    });
  });
  return { child, done };
}

async function startShell(dataDir: string): Promise<{ child: ChildProcess; origin: string; token: string }> {
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'web', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tenken web did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tenken web exited (${code}): ${err}`));
    });
  });
  return { child, origin: new URL(url).origin, token: url.split('#token=')[1] as string };
}

export async function runSoak(opts: {
  cycles: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<SoakFigures> {
  const began = Date.now();
  const r = rng(opts.seed ?? 20261203);
  const dataDir = mkdtempSync(join(tmpdir(), 'tenken-soak-'));
  const f: SoakFigures = {
    cycles: 0,
    cliCycles: 0,
    shellCycles: 0,
    acknowledged: 0,
    lost: 0,
    killedMidSave: 0,
    integrityFailures: 0,
    chainFailures: 0,
    seconds: 0,
    firstFailure: null,
  };
  const fail = (what: string) => {
    f.firstFailure ??= what;
    opts.log?.(`FAIL ${what}`);
  };
  try {
    const rt0 = await startRuntime({ dataDir, shell: 'cli' });
    const a = await call(rt0.ctx, 'assessments.create', { name: 'soak', catalog: 'ipa-web-meeting' });
    const controls = (await call(rt0.ctx, 'assessments.get', { id: a.id })).controls
      .filter((c) => c.assessable)
      .map((c) => c.controlId);
    rt0.close();
    const ledger = new Map<string, Acked>();
    let n = 0;
    const ack = (controlKey: string, revision: number | null, comment: string) => {
      if (revision === null) return;
      f.acknowledged++;
      const before = ledger.get(controlKey);
      if (!before || revision >= before.revision) ledger.set(controlKey, { revision, comment });
    };

    for (let cycle = 0; cycle < opts.cycles; cycle++) {
      if (cycle % 2 === 0) {
        f.cliCycles++;
        // A few saves that finish, then one killed somewhere between its start and its answer.
        const finished = 1 + Math.floor(r() * 2);
        for (let i = 0; i < finished; i++) {
          const key = pick(r, controls);
          const comment = `c${cycle}-${n++}`;
          ack(key, await cliSave(dataDir, a.id, key, pick(r, VALUES), comment).done, comment);
        }
        const key = pick(r, controls);
        const comment = `c${cycle}-${n++}`;
        const victim = cliSave(dataDir, a.id, key, pick(r, VALUES), comment);
        await sleep(50 + r() * 450);
        const answered = victim.child.exitCode !== null;
        victim.child.kill('SIGKILL');
        if (!answered) f.killedMidSave++;
        ack(key, await victim.done, comment);
      } else {
        f.shellCycles++;
        const shell = await startShell(dataDir);
        const until = Date.now() + 150 + r() * 900;
        let killed = false;
        // Two saves in flight at a time, as a fast typist with a slow disk would have.
        const writer = async () => {
          while (!killed) {
            const key = pick(r, controls);
            const comment = `c${cycle}-${n++}`;
            try {
              const res = await fetch(`${shell.origin}/api/answers.set`, {
                method: 'POST',
                headers: {
                  'Content-Type': 'application/json',
                  Authorization: `Bearer ${shell.token}`,
                  Origin: shell.origin,
                },
                body: JSON.stringify({ assessmentId: a.id, controlKey: key, value: pick(r, VALUES), comment }),
              });
              const body = (await res.json()) as { ok: boolean; value?: { answer: { revision: number } } };
              if (res.status === 200 && body.ok) ack(key, body.value?.answer.revision ?? null, comment);
            } catch {
              // The kill cut this request: never acknowledged.
              if (killed) f.killedMidSave++;
              return;
            }
          }
        };
        const writers = [writer(), writer()];
        while (Date.now() < until) await sleep(10);
        killed = true;
        shell.child.kill('SIGKILL');
        await Promise.all(writers);
        await exited(shell.child);
      }

      // Reopen as the app does (full quick_check and the history-head check) and compare with what was acknowledged.
      const rt = await startRuntime({ dataDir, shell: 'cli', integrity: 'full' });
      try {
        const rows = rt.ctx.db
          .prepare(
            'SELECT k.control_id, x.revision, x.comment FROM answers x JOIN controls k ON k.id = x.control_row WHERE x.assessment_id = ?',
          )
          .all(a.id) as { control_id: string; revision: number; comment: string }[];
        const stored = new Map(rows.map((x) => [x.control_id, x]));
        for (const [key, want] of ledger) {
          const got = stored.get(key);
          if (
            !got ||
            got.revision < want.revision ||
            (got.revision === want.revision && got.comment !== want.comment)
          ) {
            f.lost++;
            fail(
              `cycle ${cycle}: ${key} acknowledged r${want.revision} "${want.comment}", stored ${got ? `r${got.revision} "${got.comment}"` : 'nothing'}`,
            );
          }
          // What is stored now is the truth the next cycle is checked against (an unacknowledged save may have landed).
          if (got) ledger.set(key, { revision: got.revision, comment: got.comment });
        }
        if (rt.ctx.db.pragma('integrity_check', { simple: true }) !== 'ok') {
          f.integrityFailures++;
          fail(`cycle ${cycle}: integrity_check`);
        }
        const audit = await call(rt.ctx, 'audit.verify', { assessmentId: a.id });
        if (!audit.ok) {
          f.chainFailures++;
          fail(`cycle ${cycle}: audit verify ${audit.reason ?? ''} at ${audit.brokenAt ?? ''}`);
        }
      } finally {
        rt.close();
      }
      f.cycles++;
      if (opts.log && (cycle + 1) % 25 === 0)
        opts.log(`${cycle + 1} cycles, ${f.acknowledged} acknowledged, ${f.lost} lost`);
    }
  } finally {
    f.seconds = Math.round((Date.now() - began) / 100) / 10;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return f;
}
