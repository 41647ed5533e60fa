// The only bridge between the sandboxed renderer and the main process: one function that invokes a
// contract channel. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, isChannelName } from '../shared/api/channels';

contextBridge.exposeInMainWorld('tenken', {
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', key: 'unknownChannel', params: { channel: String(channel).slice(0, 100) } },
      });
    }
    return ipcRenderer.invoke(ipcChannel(channel), input);
  },
});
