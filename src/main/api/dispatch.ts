import { contract, isChannel, type Channel, type ChannelOutput } from '../../shared/api/contract';
import { AppError, type ApiResult } from '../../shared/api/errors';
import type { ServiceContext } from '../context';
import { toAppError } from './error-map';
import { handlers } from './handlers';
import { WRITE_CHANNELS } from './write-channels';

/**
 * The single entry every shell goes through: unknown channel and invalid input are refused here, before
 * any service runs, so nothing is changed by a bad request.
 */
export async function dispatch(ctx: ServiceContext, channel: string, rawInput: unknown): Promise<ApiResult<unknown>> {
  if (!isChannel(channel))
    return {
      ok: false,
      error: new AppError('unknown_channel', 'unknownChannel', { channel: channel.slice(0, 100) }).toData(),
    };
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first?.path.map(String).join('.') || '(input)';
    return {
      ok: false,
      // `issue` names the kind of problem for the message in the user's language; `detail` (zod's English) is for programs.
      error: new AppError('bad_input', 'badInput', {
        field,
        issue: first?.code ?? 'custom',
        detail: first?.message ?? '',
      }).toData(),
    };
  }
  if (ctx.readOnly && WRITE_CHANNELS.has(channel))
    return { ok: false, error: new AppError('forbidden', 'workspaceReadOnly', { reason: ctx.readOnly }).toData() };
  // The app's session refuses what cannot run now (recovery mode, a restore under way) and counts the rest in flight.
  const admitted = ctx.session?.admit(channel);
  if (admitted && 'refused' in admitted) return { ok: false, error: admitted.refused.toData() };
  try {
    const handler = handlers[channel] as (
      c: ServiceContext,
      i: unknown,
    ) => ChannelOutput<Channel> | Promise<ChannelOutput<Channel>>;
    const value = await handler(ctx, parsed.data);
    if (WRITE_CHANNELS.has(channel)) ctx.afterWrite?.();
    return { ok: true, value };
  } catch (e) {
    const mapped = toAppError(e);
    // A storage fault is the user's to act on (its message says how); only an unknown error is logged, in one line
    // (the stack with TENKEN_DEBUG=1).
    if (mapped.key === 'internal')
      console.error(
        `[tenken] ${channel} failed: ${process.env.TENKEN_DEBUG ? ((e as Error).stack ?? String(e)) : mapped.params.detail}`,
      );
    return { ok: false, error: mapped.toData() };
  } finally {
    if (admitted && 'done' in admitted) admitted.done();
  }
}

/** Typed call for in-process callers (the CLI, tests). Throws the AppError on failure. */
export async function call<C extends Channel>(
  ctx: ServiceContext,
  channel: C,
  input: unknown,
): Promise<ChannelOutput<C>> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.key, r.error.params);
  return r.value as ChannelOutput<C>;
}
