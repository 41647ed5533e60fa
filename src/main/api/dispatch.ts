import { contract, isChannel, type Channel, type ChannelOutput } from '../../shared/api/contract';
import { AppError, type ApiResult } from '../../shared/api/errors';
import type { ServiceContext } from '../context';
import { handlers } from './handlers';

/**
 * The single entry every shell goes through: unknown channel and invalid input are refused here, before
 * any service runs, so nothing is changed by a bad request.
 */
export async function dispatch(ctx: ServiceContext, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: new AppError('unknown_channel', 'unknownChannel', { channel: channel.slice(0, 100) }).toData() };
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first?.path.map(String).join('.') || '(input)';
    return { ok: false, error: new AppError('bad_input', 'badInput', { field, detail: first?.message ?? '' }).toData() };
  }
  try {
    const handler = handlers[channel] as (c: ServiceContext, i: unknown) => ChannelOutput<Channel> | Promise<ChannelOutput<Channel>>;
    return { ok: true, value: await handler(ctx, parsed.data) };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toData() };
    console.error(`[tenken] ${channel} failed:`, e);
    return { ok: false, error: new AppError('internal', 'internal', { detail: e instanceof Error ? e.message : String(e) }).toData() };
  }
}

/** Typed call for in-process callers (the CLI, tests). Throws the AppError on failure. */
export async function call<C extends Channel>(ctx: ServiceContext, channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.key, r.error.params);
  return r.value as ChannelOutput<C>;
}
