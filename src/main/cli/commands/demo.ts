import { call } from '../../api/dispatch';
import type { CommandTable } from '../command-types';

export const demoCommands: CommandTable = {
  demo: async (rt, _args, out) => {
    const a = await call(rt.ctx, 'demo.create', {});
    if (out.json) return out.print(JSON.stringify(a, null, 2));
    out.print(out.t('cli.demoCreated', { name: a.name, id: a.id, organization: a.organization?.name ?? '' }));
  },
};
