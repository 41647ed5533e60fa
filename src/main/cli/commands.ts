import type { TFunction } from 'i18next';
import { AppError } from '../../shared/api/errors';
import { call } from '../api/dispatch';
import type { Runtime } from '../app/runtime';
import { listBackups, restoreBackup } from '../workspace/backup';
import { requireOption, type CliArgs } from './args';
import { catalogCommands } from './catalog-commands';
import { reportCommands } from './report-commands';
import { workflowCommands } from './workflow-commands';
import { table } from './format';

export type Out = { json: boolean; lang: 'ja' | 'en'; t: TFunction; print: (s: string) => void };
type Command = (rt: Runtime, args: CliArgs, out: Out) => Promise<void>;

const emit = (out: Out, value: unknown, human: () => string) => out.print(out.json ? JSON.stringify(value, null, 2) : human());

export const commands: Record<string, Command> = {
  'catalog list': async (rt, _args, out) => {
    const list = await call(rt.ctx, 'catalogs.list', {});
    emit(out, list, () =>
      table(
        [out.t('cli.col.id'), out.t('cli.col.version'), out.t('cli.col.title'), out.t('cli.col.controls'), out.t('cli.col.publisher')],
        list.map((c) => [c.catalogId, c.version, c.title[out.lang], String(c.assessableCount), c.publisher[out.lang]]),
      ),
    );
  },
  'assessment list': async (rt, _args, out) => {
    const list = await call(rt.ctx, 'assessments.list', {});
    emit(out, list, () =>
      list.length === 0
        ? out.t('cli.noAssessments')
        : table(
            [out.t('cli.col.id'), out.t('cli.col.name'), out.t('cli.col.organization'), out.t('cli.col.catalog'), out.t('cli.col.progress'), out.t('cli.col.updated')],
            list.map((a) => [a.id, a.name, a.organization?.name ?? '—', a.catalogs.map((c) => `${c.catalogId}@${c.version}`).join(', '), `${a.progress.answered}/${a.progress.total}`, a.updatedAt]),
          ),
    );
  },
  'assessment create': async (rt, args, out) => {
    // --catalog ismap,pci-dss@4.0.1: the first is the assessment's first catalog, the others are assessed with it.
    const [first = '', ...more] = requireOption(args, 'catalog').split(',').map((c) => c.trim()).filter(Boolean);
    const input = {
      name: requireOption(args, 'name'),
      catalog: first,
      ...(more.length ? { additionalCatalogs: more.map((catalog) => ({ catalog })) } : {}),
      ...(typeof args.options.organization === 'string' ? { organization: args.options.organization } : {}),
      ...(typeof args.options.scope === 'string' ? { scope: args.options.scope } : {}),
      // --profile applies to the first catalog (e.g. an SAQ of PCI DSS); only its controls are assessed.
      ...(typeof args.options.profile === 'string' ? { profile: args.options.profile } : {}),
    };
    const a = await call(rt.ctx, 'assessments.create', input);
    emit(out, a, () => out.t('cli.assessmentCreated', { name: a.name, id: a.id, catalog: a.catalogs.map((c) => `${c.catalogId}@${c.version}`).join(', '), total: a.progress.total }));
  },
  answer: async (rt, args, out) => {
    const value = requireOption(args, 'value');
    const saved = await call(rt.ctx, 'answers.set', {
      assessmentId: requireOption(args, 'assessment'),
      // --catalog names the catalog of the control in an assessment over several (same as --control <catalog>:<id>).
      controlId: typeof args.options.catalog === 'string' ? `${args.options.catalog}:${requireOption(args, 'control')}` : requireOption(args, 'control'),
      value: value === 'none' ? null : value,
      ...(typeof args.options.comment === 'string' ? { comment: args.options.comment } : {}),
      ...(typeof args.options.justification === 'string' ? { justification: args.options.justification } : {}),
    });
    emit(out, saved, () => out.t('cli.answerSaved', { control: saved.answer.key, value: saved.answer.value ?? '—', answered: saved.progress.answered, total: saved.progress.total }));
  },
  'backup list': async (rt, _args, out) => {
    const list = listBackups(rt.workspace.paths);
    emit(out, list, () =>
      list.length === 0
        ? out.t('cli.noBackups')
        : table([out.t('cli.col.name'), out.t('cli.col.created'), out.t('cli.col.reason'), out.t('cli.col.size')], list.map((b) => [b.name, b.createdAt, b.reason, String(b.size)])),
    );
  },
  'backup restore': async (rt, args, out) => {
    const name = args.command[2];
    if (!name) throw new AppError('bad_input', 'usage', { detail: 'tenken backup restore <name>' });
    rt.close();
    const r = await restoreBackup(rt.workspace.paths, name);
    emit(out, r, () => out.t('cli.restored', { name: r.restored.name, safety: r.safetyCopy?.name ?? '—' }));
  },
};

Object.assign(commands, catalogCommands, workflowCommands, reportCommands);

/** Finds the longest command name matching the positionals (`assessment create` before `assessment`). */
export function findCommand(positionals: string[]): { name: string; run: Command } | null {
  for (const n of [2, 1]) {
    const name = positionals.slice(0, n).join(' ');
    const run = commands[name];
    if (run) return { name, run };
  }
  return null;
}
