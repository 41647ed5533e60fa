import { AppError } from '../../../shared/api/errors';
import { listBackups, restoreBackup } from '../../workspace/backup';
import { emit, type CommandTable } from '../command-types';
import { table } from '../format';

export const backupCommands: CommandTable = {
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
