import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import { emit, type CommandTable } from '../command-types';

export const answerCommands: CommandTable = {
  answer: async (rt, args, out) => {
    const value = requireOption(args, 'value');
    const saved = await call(rt.ctx, 'answers.set', {
      assessmentId: requireOption(args, 'assessment'),
      // --catalog names the catalog of the control in an assessment over several (same as --control <catalog>:<id>).
      controlKey:
        typeof args.options.catalog === 'string'
          ? `${args.options.catalog}:${requireOption(args, 'control')}`
          : requireOption(args, 'control'),
      value: value === 'none' ? null : value,
      ...(typeof args.options.comment === 'string' ? { comment: args.options.comment } : {}),
      ...(typeof args.options.justification === 'string' ? { justification: args.options.justification } : {}),
    });
    emit(out, saved, () =>
      out.t('cli.answerSaved', {
        control: saved.answer.controlKey,
        value: saved.answer.value ?? '—',
        answered: saved.progress.answered,
        total: saved.progress.total,
      }),
    );
  },
};
