// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRollup } from '../../src/core/assessment/rollup';
import type { ApiClient } from '../../src/renderer/api/client';
import { RollupPage } from '../../src/renderer/features/rollup/RollupPage';
import type { AssessmentSummary, RollupView } from '../../src/shared/api/types';
import { control, initStrings, SCALE, WithApi } from './support';

const CATALOG = {
  ref: 1,
  catalogId: 'ipa-web-meeting',
  version: '2020-07-14',
  title: { ja: 'Web会議', en: 'Web meetings' },
};
const MEMBERS = [
  { id: '00000000-0000-4000-8000-00000000000a', name: '点検 A', organization: '人事部', value: 'partial' },
  {
    id: '00000000-0000-4000-8000-00000000000b',
    name: '点検 B',
    organization: '情報システム部',
    value: 'not_implemented',
  },
  { id: '00000000-0000-4000-8000-00000000000c', name: '点検 C', organization: '情報システム部', value: 'implemented' },
];
const controls = [control('G', { assessable: false }), control('G-1', { parentId: 'G', depth: 1 })];

function viewOf(ids: readonly string[]): RollupView {
  const chosen = MEMBERS.filter((m) => ids.includes(m.id));
  const base = { periodStart: null, periodEnd: null, status: 'draft', version: CATALOG.version };
  return {
    catalog: { catalogId: CATALOG.catalogId, title: CATALOG.title },
    candidates: MEMBERS.map((m) => ({ id: m.id, name: m.name, organization: m.organization, ...base })),
    ...buildRollup(
      chosen.map((m) => ({
        ...base,
        id: m.id,
        name: m.name,
        organization: m.organization,
        controls,
        answers: [{ controlId: 'G-1', value: m.value }],
        scale: SCALE,
      })),
    ),
  };
}

function fake() {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const summaries = MEMBERS.map((m) => ({
    id: m.id,
    name: m.name,
    catalogs: [CATALOG],
  })) as unknown as AssessmentSummary[];
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'assessments.list') return summaries;
      const ids = (input.assessmentIds as string[] | undefined) ?? MEMBERS.map((m) => m.id);
      if (channel === 'rollup.get') return viewOf(ids);
      if (channel === 'rollup.export') return { fileName: 'r.xlsx', mediaType: 'application/x', content: '' };
      throw new Error(`not expected: ${channel}`);
    }) as ApiClient['call'],
  };
  return { api, calls };
}

beforeAll(() => initStrings('ja'));
afterEach(cleanup);

describe('roll-up screen', () => {
  it('shows every assessment of the catalog and what is weak in all of them', async () => {
    const { api } = fake();
    render(
      <WithApi api={api}>
        <RollupPage catalogId="ipa-web-meeting" />
      </WithApi>,
    );
    const groups = await screen.findByTestId('rollup-groups');
    expect(within(groups).getAllByRole('columnheader')).toHaveLength(4);
    // G-1 is partial in A and not implemented in B, but in place in C: not weak everywhere.
    expect(screen.queryByTestId('rollup-weak')).toBeNull();
    expect(screen.getByText('回答したすべてのアセスメントで弱点となった管理策はありません。')).toBeTruthy();
  });

  it('compares only the ticked assessments, and asks for one when none is ticked', async () => {
    const { api, calls } = fake();
    render(
      <WithApi api={api}>
        <RollupPage catalogId="ipa-web-meeting" />
      </WithApi>,
    );
    await screen.findByTestId('rollup-groups');
    fireEvent.click(screen.getByRole('checkbox', { name: /点検 C/ }));
    // Without C, G-1 is weak in both A and B.
    const weak = await screen.findByTestId('rollup-weak');
    expect(within(weak).getByText('G-1')).toBeTruthy();
    expect(calls.filter((c) => c.channel === 'rollup.get').at(-1)?.input.assessmentIds).toEqual([
      MEMBERS[0]?.id,
      MEMBERS[1]?.id,
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Excel に書き出す' }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'rollup.export')).toBe(true));
    expect(calls.find((c) => c.channel === 'rollup.export')?.input).toMatchObject({
      format: 'xlsx',
      lang: 'ja',
      assessmentIds: [MEMBERS[0]?.id, MEMBERS[1]?.id],
    });

    // The PDF beside it: the roll-up report of the same ticked assessments.
    fireEvent.click(screen.getByRole('button', { name: 'PDF に書き出す' }));
    await waitFor(() => expect(calls.filter((c) => c.channel === 'rollup.export')).toHaveLength(2));
    expect(calls.filter((c) => c.channel === 'rollup.export').at(-1)?.input).toMatchObject({
      format: 'pdf',
      lang: 'ja',
      assessmentIds: [MEMBERS[0]?.id, MEMBERS[1]?.id],
    });

    fireEvent.click(screen.getByRole('checkbox', { name: /点検 A/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /点検 B/ }));
    expect(await screen.findByText('比較するアセスメントを 1 件以上選んでください。')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Excel に書き出す' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'PDF に書き出す' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
