import type { ChannelName } from '../../shared/api/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/api/contract';
import type { ApiErrorData, ApiResult } from '../../shared/api/errors';

/** One client interface for the renderer, whichever transport exists: the Electron preload bridge or the browser shell's HTTP API. */
export type ApiClient = { call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> };

export class ApiCallError extends Error {
  readonly error: ApiErrorData;
  constructor(error: ApiErrorData) {
    super(`${error.code}: ${error.key}`);
    this.error = error;
  }
}

type Transport = (channel: string, input: unknown) => Promise<ApiResult<unknown>>;
type Bridge = { invoke: Transport };

const TOKEN_KEY = 'tenken.token';

/** The browser shell prints its URL with `#token=…`: keep it for this tab and take it out of the address bar. */
export function takeTokenFromLocation(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpTransport(token: string | null): Transport {
  return async (channel, input) => {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      return { ok: false, error: { code: 'internal', key: 'network', params: { detail: (e as Error).message } } };
    }
    try {
      return (await res.json()) as ApiResult<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', key: 'network', params: { detail: `HTTP ${res.status}` } } };
    }
  };
}

export function createApiClient(): ApiClient {
  const bridge = (window as unknown as { tenken?: Bridge }).tenken;
  const transport: Transport = bridge ? (c, i) => bridge.invoke(c, i) : httpTransport(takeTokenFromLocation());
  return {
    async call(channel, input) {
      const result = await transport(channel, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
    },
  };
}
