import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import type { CommandTable } from '../command-types';

export const auditCommands: CommandTable = {
  'audit verify': async (rt, args, out) => {
    const assessmentId = typeof args.options.assessment === 'string' ? args.options.assessment : undefined;
    if (assessmentId) await call(rt.ctx, 'assessments.get', { id: assessmentId });
    const r = await call(rt.ctx, 'audit.verify', assessmentId ? { assessmentId } : {});
    if (out.json) out.print(JSON.stringify(r, null, 2));
    else if (r.ok) out.print(out.t('cli.auditOk', { entries: r.entries, head: r.head ?? '' }));
    if (!r.ok) throw new AppError('conflict', 'auditBroken', { seq: r.brokenAt ?? 0, reason: r.reason ?? '' });
  },
};
