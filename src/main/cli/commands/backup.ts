import { AppError } from '../../../shared/api/errors';
import { listBackups, restoreBackup } from '../../workspace/backup';
import type { WorkspacePaths } from '../../workspace/paths';
import type { CliArgs } from '../args';
import { emit, type Out } from '../command-types';
import { table } from '../format';

/**
 * `backup list` and `backup restore` work on the workspace folder without opening the workspace: they must work when
 * the workspace file is damaged, missing or empty. A restore takes the exclusive workspace lock itself.
 */
export type FolderCommand = (paths: WorkspacePaths, args: CliArgs, out: Out) => Promise<void>;

export const backupCommands: Record<string, FolderCommand> = {
  'backup list': async (paths, _args, out) => {
    const list = listBackups(paths);
    emit(out, list, () =>
      list.length === 0
        ? out.t('cli.noBackups')
        : table(
            [
              out.t('cli.col.name'),
              out.t('cli.col.created'),
              out.t('cli.col.reason'),
              out.t('cli.col.size'),
              out.t('cli.col.check'),
            ],
            list.map((b) => [
              b.name,
              b.createdAt,
              b.reason,
              String(b.size),
              out.t(`cli.check.${b.check}`) + (b.checkDetail ? ` (${b.checkDetail})` : ''),
            ]),
          ),
    );
  },
  'backup restore': async (paths, args, out) => {
    const name = args.command[2];
    if (!name) throw new AppError('bad_input', 'usage', { detail: 'tenken backup restore <name>' });
    const r = await restoreBackup(paths, name);
    emit(out, r, () =>
      r.keptAside
        ? out.t('cli.restoredKeptAside', { name: r.restored.name, kept: r.keptAside })
        : out.t('cli.restored', { name: r.restored.name, safety: r.safetyCopy?.name ?? '—' }),
    );
  },
};
