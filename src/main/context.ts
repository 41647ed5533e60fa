import type { RecoveryStatus, RestoreOutcome } from '../shared/api/backups-types';
import type { AppError } from '../shared/api/errors';
import type { AppInfo } from '../shared/api/types';
import type { Db } from './db/connection';
import type { HtmlPrinter } from './report/render/printer';
import type { WorkspacePaths } from './workspace/paths';

/** What every service needs; the shells build one per workspace. `now` is injectable for tests. */
export type ServiceContext = {
  db: Db;
  paths: WorkspacePaths;
  portable: boolean;
  appVersion: string;
  shell: AppInfo['shell'];
  now: () => Date;
  /** Why the workspace is open read-only (every save is refused), or null/absent when it can be written. */
  readOnly?: AppInfo['readOnly'];
  /** Called by the dispatcher after a change was saved (the workspace keeps a record of its last history entry). */
  afterWrite?: () => void;
  /**
   * What only a desktop shell can do (the Electron shell fills it; the browser shell and the CLI leave it out):
   * show a file in the OS file manager, and print report HTML to PDF with Electron's own Chromium (so the desktop
   * app needs no system Chromium).
   */
  platform?: { revealFile(absolutePath: string): void; printPdf?: HtmlPrinter | undefined };
  /**
   * The app shells' workspace session (src/main/app/session.ts): recovery mode when the workspace could not be
   * opened, and the restore done by this process. Absent for the CLI and in-process tests.
   */
  session?: WorkspaceSession;
};

/** What the dispatcher and the backup channels ask of the session. */
export type WorkspaceSession = {
  /**
   * Admits one call: refused (the error returned) in recovery mode for a channel that needs the workspace, and for
   * any call while a restore runs; else counted as in flight until `done`, so a restore waits for it.
   */
  admit(channel: string): { refused: AppError } | { done: () => void };
  /** Cheap: whether the app is on the recovery start screen (status() also checks the backups). */
  mode(): 'normal' | 'recovery';
  status(): RecoveryStatus;
  restore(name: string): Promise<RestoreOutcome>;
};

export const isoNow = (ctx: ServiceContext) => ctx.now().toISOString();
