import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, ipcChannel, type ChannelName } from '../../shared/api/channels';
import { AppError, type ApiResult } from '../../shared/api/errors';
import { dispatch } from '../api/dispatch';
import type { ServiceContext } from '../context';
import { APP_HOST, APP_SCHEME } from './window-options';

/**
 * Only our own page, in its main frame, may call the services (VS Code's check): an iframe, a navigated
 * page or any other origin is refused before input is even parsed.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  try {
    // Node's URL gives non-special schemes an opaque origin ("null"), so compare scheme and host instead.
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Where a refused sender is written down: the main process log (a refused call means something is wrong). */
export type RefusalLog = (line: string) => void;
const STDERR_LOG: RefusalLog = (line) => console.warn(line);

/** What a refused call is logged as: the channel, and the frame's URL cut short (it may be anything). */
function describeSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): string {
  const frame = event.senderFrame;
  if (!frame) return 'no frame';
  const where = frame === event.sender.mainFrame ? 'main frame' : 'subframe';
  return `${where} ${JSON.stringify(String(frame.url).slice(0, 200))}`;
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  ctx: ServiceContext,
  after?: (channel: ChannelName, result: ApiResult<unknown>) => void,
  log: RefusalLog = STDERR_LOG,
): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(channel), async (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        log(`[tenken] refused IPC ${channel} from ${describeSender(event)}`);
        return { ok: false, error: new AppError('forbidden', 'forbidden').toData() };
      }
      const result = await dispatch(ctx, channel, input);
      after?.(channel, result);
      return result;
    });
  }
}
