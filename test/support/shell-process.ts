import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onCleanup } from './workspace';

const BIN = join(__dirname, '../../bin/tenken.cjs');

export type ShellProcess = {
  child: ChildProcess;
  origin: string;
  token: string;
  /** Milliseconds from spawn to the printed URL. */
  startMs: number;
  stderr: () => string;
  post: (
    channel: string,
    body: unknown,
  ) => Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { key: string; message: string } } }>;
  stop: () => Promise<void>;
};

/** The real browser shell (`tenken web --port 0`) as its own process, as a user starts it; stopped after the test. */
export async function startShellProcess(dataDir: string, opts: { timeoutMs?: number } = {}): Promise<ShellProcess> {
  const began = Date.now();
  const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'web', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`tenken web did not print its URL in time: ${out} ${err}`)),
      opts.timeoutMs ?? 30_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tenken web exited (${code}): ${err}`));
    });
  });
  const startMs = Date.now() - began;
  const origin = new URL(url).origin;
  const token = url.split('#token=')[1] as string;
  const post: ShellProcess['post'] = async (channel, body) => {
    const res = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, Origin: origin },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; value?: unknown; error?: { key: string; message: string } },
    };
  };
  return { child, origin, token, startMs, stderr: () => err, post, stop };
}

/** CPU seconds a process has used (Linux /proc), or null elsewhere. */
export function cpuSeconds(pid: number): number | null {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return null;
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks / hz;
}

/** Runs the built CLI as its own process. */
export function cliProcess(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
