import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import { emit, type CommandTable } from '../command-types';

const text = (o: Record<string, unknown>, name: string) =>
  typeof o[name] === 'string' ? (o[name] as string) : undefined;

/** Periods and housekeeping: carry forward, duplicate, archive, trash (see src/main/assessments/carry-forward.ts). */
export const periodCommands: CommandTable = {
  /**
   * `tenken assessment carry-forward --from ID --name N [--period-start D --period-end D] [--version V]`: the next
   * period from a previous assessment; every carried answer is marked 要確認 until confirmed.
   */
  'assessment carry-forward': async (rt, args, out) => {
    const o = args.options;
    const a = await call(rt.ctx, 'assessments.carryForward', {
      from: requireOption(args, 'from'),
      name: requireOption(args, 'name'),
      ...(text(o, 'period-start') !== undefined ? { periodStart: text(o, 'period-start') || null } : {}),
      ...(text(o, 'period-end') !== undefined ? { periodEnd: text(o, 'period-end') || null } : {}),
      ...(text(o, 'version') !== undefined ? { version: text(o, 'version') } : {}),
    });
    const r = await call(rt.ctx, 'assessments.carryReport', { id: a.id });
    emit(out, { assessment: a, carryForward: r }, () =>
      [
        out.t('cli.periods.carried', {
          name: a.name,
          id: a.id,
          carried: r?.carried.length ?? 0,
          evidence: r?.evidence ?? 0,
        }),
        ...(r?.textChanged.length ? [out.t('cli.periods.textChanged', { controls: r.textChanged.join(', ') })] : []),
        ...(r?.notCarried.length
          ? [out.t('cli.periods.notCarried', { controls: r.notCarried.map((n) => n.controlKey).join(', ') })]
          : []),
      ].join('\n'),
    );
  },
  'assessment duplicate': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.duplicate', {
      id: requireOption(args, 'assessment'),
      name: requireOption(args, 'name'),
    });
    emit(out, a, () => out.t('cli.periods.duplicated', { name: a.name, id: a.id }));
  },
  'assessment archive': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.archive', { id: requireOption(args, 'assessment'), archived: true });
    emit(out, a, () => out.t('cli.periods.archived', { name: a.name }));
  },
  'assessment unarchive': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.archive', { id: requireOption(args, 'assessment'), archived: false });
    emit(out, a, () => out.t('cli.periods.unarchived', { name: a.name }));
  },
  'assessment trash': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.trash', { id: requireOption(args, 'assessment') });
    emit(out, a, () => out.t('cli.periods.trashed', { name: a.name }));
  },
  'assessment restore': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.restore', { id: requireOption(args, 'assessment') });
    emit(out, a, () => out.t('cli.periods.restored', { name: a.name }));
  },
  /** `tenken assessment empty-trash --yes`: deletes for good, so it asks for --yes instead of a question. */
  'assessment empty-trash': async (rt, args, out) => {
    if (args.options.yes !== true && args.options.yes !== 'true')
      throw new AppError('bad_input', 'usage', { detail: 'tenken assessment empty-trash --yes' });
    const r = await call(rt.ctx, 'assessments.emptyTrash', {});
    emit(out, r, () => out.t('cli.periods.emptied', { count: r.deleted }));
  },
};
