import type { SignoffStep } from '../../../core/assessment/signoff';
import { formatTimestamp } from '../../../core/report/model';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import { emit, type CommandTable, type Out } from '../command-types';
import type { Runtime } from '../../app/runtime';
import type { CliArgs } from '../args';

/** Records one sign-off step and prints the three, with times where the user is. */
async function record(rt: Runtime, args: CliArgs, out: Out, step: SignoffStep): Promise<void> {
  const role = args.options.role;
  const s = await call(rt.ctx, 'signoff.set', {
    assessmentId: requireOption(args, 'assessment'),
    step,
    name: requireOption(args, 'by'),
    ...(typeof role === 'string' ? { role } : {}),
  });
  const zone = (await call(rt.ctx, 'settings.get', {})).timeZone;
  emit(out, s, () =>
    (['prepared', 'reviewed', 'approved'] as const)
      .map((k) => {
        const e = s[k];
        const who = e ? `${e.name}${e.role ? ` (${e.role})` : ''}  ${formatTimestamp(e.at, 'iso', zone)}` : '—';
        return `${out.t(`signoff.step.${k}`)}: ${who}`;
      })
      .join('\n'),
  );
}

export const signoffCommands: CommandTable = {
  /** `tenken assessment approve --assessment ID --by NAME [--role R]`: the step after final. */
  'assessment approve': (rt, args, out) => record(rt, args, out, 'approved'),
  /** `tenken assessment signoff --assessment ID --step prepared|reviewed --by NAME [--role R]`. */
  'assessment signoff': (rt, args, out) => {
    const step = requireOption(args, 'step');
    if (step !== 'prepared' && step !== 'reviewed')
      throw new AppError('bad_input', 'usage', { detail: '--step prepared|reviewed' });
    return record(rt, args, out, step);
  },
};
