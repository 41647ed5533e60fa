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

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, ctx: ServiceContext, after?: (channel: ChannelName, result: ApiResult<unknown>) => void): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(channel), async (event, input: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: new AppError('forbidden', 'forbidden').toData() };
      const result = await dispatch(ctx, channel, input);
      after?.(channel, result);
      return result;
    });
  }
}
