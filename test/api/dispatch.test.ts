import { describe, expect, it } from 'vitest';
import { handlers } from '../../src/main/api/handlers';
import { dispatch } from '../../src/main/api/dispatch';
import { CHANNEL_NAMES } from '../../src/shared/api/channels';
import { contract } from '../../src/shared/api/contract';
import { freshRuntime, snapshotTables } from '../support/workspace';

describe('the API contract', () => {
  it('has a schema and a handler for every channel name, and nothing else', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('refuses an unknown channel and changes nothing', async () => {
    const rt = await freshRuntime();
    const before = snapshotTables(rt.ctx.db);
    const r = await dispatch(rt.ctx, 'assessments.drop', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel', key: 'unknownChannel' } });
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });

  it.each([
    ['assessments.create', { name: '', catalog: 'ipa-web-meeting' }, 'name'],
    ['assessments.create', { name: 'x', catalog: 'ipa-web-meeting', extra: 1 }, '(input)'],
    ['assessments.create', { name: 'x'.repeat(201), catalog: 'ipa-web-meeting' }, 'name'],
    ['answers.set', { assessmentId: 'not-a-uuid', controlKey: '1', value: 'x' }, 'assessmentId'],
    ['settings.update', { language: 'fr' }, 'language'],
  ] as const)('refuses bad input to %s before any service runs', async (channel, input, field) => {
    const rt = await freshRuntime();
    const before = snapshotTables(rt.ctx.db);
    const r = await dispatch(rt.ctx, channel, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_input');
      expect(r.error.params.field).toBe(field);
    }
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
  });
});
