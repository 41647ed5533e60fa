// A consultant's workspace: many client organizations assessed once a year for several years, with answers,
// revisions, evidence and the history of all of it, made through the services (so the history chain is the real one
// and `audit verify` passes). Used by the bench (20 and 200 assessments) and by a small test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../src/main/api/dispatch';
import { startRuntime } from '../src/main/app/runtime';
import type { ServiceContext } from '../src/main/context';
import { createBackup } from '../src/main/workspace/backup';
import type { UiFigure } from './answering-ui';

export type ConsultantShape = {
  assessments: number;
  /** Organizations (clients); each is assessed once a year. */
  organizations: number;
  /** The first catalog and those assessed with it in every engagement. */
  catalogs: string[];
  /** Every n-th answer is revised once (a second history entry). */
  reviseEvery: number;
  /** Evidence files per assessment, each linked to one control. */
  evidencePerAssessment: number;
  firstYear: number;
};

/** The shape of issue #14: 200 assessments, 40 organizations, 5 years, ~100,000 answers, ~150,000 entries, 2,000 files. */
export const CONSULTANT_SHAPE: ConsultantShape = {
  assessments: 200,
  organizations: 40,
  catalogs: ['pci-dss@4.0.1', 'ismap@2024-07', 'credit-card-gl@6.0', 'ipa-web-meeting@2020-07-14'],
  reviseEvery: 2,
  evidencePerAssessment: 10,
  firstYear: 2022,
};

export type ConsultantWorkspace = {
  ids: string[];
  /** Per assessment: its organization, year and the answers written to it (control key → value). */
  made: { id: string; organization: string; year: number; answers: Map<string, string> }[];
  answers: number;
  historyEntries: number;
  evidenceFiles: number;
  ms: number;
};

const at = (ctx: ServiceContext, d: Date): ServiceContext => ({ ...ctx, now: () => d });

/** Fills the workspace behind ctx with the given shape; assessment i belongs to organization i % organizations. */
export async function buildConsultantWorkspace(
  ctx: ServiceContext,
  shape: ConsultantShape,
): Promise<ConsultantWorkspace> {
  const t0 = process.hrtime.bigint();
  const years = Math.ceil(shape.assessments / shape.organizations);
  const made: ConsultantWorkspace['made'] = [];
  let evidenceFiles = 0;
  for (let i = 0; i < shape.assessments; i++) {
    const org = i % shape.organizations;
    const year = shape.firstYear + (Math.floor(i / shape.organizations) % years);
    const day = new Date(Date.UTC(year, 3 + (org % 8), 1 + (org % 27), 1, 0, 0));
    const c = at(ctx, day);
    const [first, ...more] = shape.catalogs as [string, ...string[]];
    const a = await call(c, 'assessments.create', {
      name: `${year}年度 自己点検 ${org + 1}`,
      catalog: first,
      ...(more.length ? { additionalCatalogs: more.map((catalog) => ({ catalog })) } : {}),
      organization: `顧客 ${String(org + 1).padStart(2, '0')} 株式会社`,
    });
    const answers = new Map<string, string>();
    let n = 0;
    for (const part of a.catalogs) {
      const d = await call(c, 'assessments.get', { id: a.id, catalog: part.catalogId });
      const values = d.answerScale.filter((v) => v.justification !== 'required').map((v) => v.value);
      const keys = d.controls.filter((k) => k.assessable && k.applicable).map((k) => `${d.keyPrefix}${k.controlId}`);
      // One batch per value: the answers of a part are spread over the scale, a later year better than an earlier.
      const byValue = new Map<string, string[]>();
      keys.forEach((k, j) => {
        const v = values[(j + i + (j % 3 === 0 ? 0 : years - 1)) % values.length] as string;
        byValue.set(v, [...(byValue.get(v) ?? []), k]);
        answers.set(k, v);
      });
      for (const [value, controlKeys] of byValue)
        await call(c, 'answers.batch', { assessmentId: a.id, controlKeys, value });
      const revised = keys.filter((_, j) => j % shape.reviseEvery === 0);
      if (revised.length)
        await call(at(ctx, new Date(day.getTime() + 86_400_000)), 'answers.batch', {
          assessmentId: a.id,
          controlKeys: revised,
          value: values[0] as string,
          comment: `${year} 見直し済み`,
        });
      for (const k of revised) answers.set(k, values[0] as string);
      n += keys.length;
    }
    const keys = [...answers.keys()];
    for (let e = 0; e < shape.evidencePerAssessment; e++) {
      await call(c, 'evidence.add', {
        assessmentId: a.id,
        controlKeys: [keys[(e * 37) % keys.length] as string],
        fileName: `evidence-${year}-${org + 1}-${e + 1}.txt`,
        content: Buffer.from(`証跡 ${year} ${org + 1} ${e + 1}\n`.repeat(20)).toString('base64'),
      });
      evidenceFiles++;
    }
    made.push({ id: a.id, organization: `顧客 ${String(org + 1).padStart(2, '0')} 株式会社`, year, answers });
    void n;
  }
  const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
  return {
    ids: made.map((m) => m.id),
    made,
    answers: count('SELECT count(*) AS n FROM answers WHERE value IS NOT NULL'),
    historyEntries: count('SELECT count(*) AS n FROM audit_log'),
    evidenceFiles,
    ms: Number(process.hrtime.bigint() - t0) / 1e6,
  };
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return p50(out);
}
const r1 = (x: number) => Math.round(x * 10) / 10;

/** The screens and checks a consultant meets, timed at one workspace size. */
async function figuresAt(n: number): Promise<{ size: string; values: Record<string, number>; notes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tenken-bench-consultant-'));
  const rt = await startRuntime({ dataDir: dir, shell: 'cli' });
  try {
    const shape = { ...CONSULTANT_SHAPE, assessments: n, organizations: Math.max(1, Math.round(n / 5)) };
    const w = await buildConsultantWorkspace(rt.ctx, shape);
    const ctx = rt.ctx;
    const last = w.made[w.made.length - 1] as ConsultantWorkspace['made'][number];
    const previous = w.made.filter((m) => m.organization === last.organization && m.year < last.year).at(-1);
    const values: Record<string, number> = {
      generate: w.ms,
      'home (assessments.list)': await timed(5, () => call(ctx, 'assessments.list', {})),
      'answering (assessments.get)': await timed(5, () => call(ctx, 'assessments.get', { id: last.id })),
      'dashboard with comparison': await timed(5, async () => {
        const d = await call(ctx, 'assessments.get', { id: last.id });
        await call(ctx, 'assessments.list', {});
        if (previous) await call(ctx, 'assessments.get', { id: previous.id, catalog: d.catalog.catalogId });
      }),
      // Three runs, the median: one run of a check that takes seconds swings with whatever else the machine does.
      'audit verify (whole workspace)': await timed(3, () => call(ctx, 'audit.verify', {})),
      backup: await timed(3, () => createBackup(ctx.db, ctx.paths, 'manual', new Date())),
    };
    const catalogId = (await call(ctx, 'assessments.get', { id: last.id })).catalog.catalogId;
    const orgIds = w.made.filter((m) => m.organization === last.organization).map((m) => m.id);
    values['roll-up (one organization, its years)'] = await timed(5, () =>
      call(ctx, 'rollup.get', { catalogId, assessmentIds: orgIds }),
    );
    values['roll-up (every assessment of the catalog)'] = await timed(5, () => call(ctx, 'rollup.get', { catalogId }));
    const notes: string[] = [];
    const size = `${n} assessments, ${w.answers} answers, ${w.historyEntries} history entries, ${w.evidenceFiles} evidence files`;
    return { size, values, notes };
  } finally {
    rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each figure at 20 and at 200 assessments; the ratio beside it is how it grew (10 = linear with the workspace). */
export async function consultantFigures(sizes: [number, number] = [20, 200]): Promise<UiFigure[]> {
  const small = await figuresAt(sizes[0]);
  const large = await figuresAt(sizes[1]);
  const scale = sizes[1] / sizes[0];
  return Object.keys(large.values).map((k) => {
    const a = small.values[k] as number;
    const b = large.values[k] as number;
    const growth = b / a;
    return {
      name: `consultant.${k} at ${sizes[1]} (floor: at ${sizes[0]})`,
      unit: 'ms',
      value: r1(b),
      floor: r1(a),
      ratio: Math.round(growth * 100) / 100,
      note: `ratio = growth for ${scale}x the workspace; ${large.size} vs ${small.size}; ${large.notes.join('; ')}`,
    };
  });
}

if (process.argv[1]?.endsWith('consultant-workspace.ts'))
  void consultantFigures((process.argv[2]?.split(',').map(Number) as [number, number] | undefined) ?? [20, 200]).then(
    (f) => process.stdout.write(`${JSON.stringify(f, null, 2)}\n`),
  );
