// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { ReportPage } from '../../src/renderer/features/report/ReportPage';
import type { AssessmentDetail } from '../../src/shared/api/types';
import { control, detail, initStrings, WithApi } from './support';

/** The report page's 総評: saved through assessments.update, on blur, by its button, and before any export. */

function fake(d: AssessmentDetail) {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'assessments.get') return d;
      if (channel === 'assessments.update') return d;
      if (channel === 'report.build') return { fileName: 'r.pdf', mediaType: 'application/pdf', content: '' };
      throw new Error(`not expected: ${channel}`);
    }) as ApiClient['call'],
  };
  return { api, calls };
}
const mount = (d: AssessmentDetail) => {
  const f = fake(d);
  render(
    <WithApi api={f.api}>
      <ReportPage id={d.id} />
    </WithApi>,
  );
  return f;
};
const field = () => screen.findByRole('textbox', { name: '総評' });

beforeAll(() => {
  initStrings('ja');
  URL.createObjectURL = vi.fn(() => 'blob:x');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

describe('report page: the overall comment (総評)', () => {
  it('shows the stored text and saves a change before the export, so the report prints it', async () => {
    const d = detail([control('1.1')], { overallComment: '前回の総評' });
    const f = mount(d);
    const box = (await field()) as HTMLTextAreaElement;
    expect(box.value).toBe('前回の総評');
    fireEvent.change(box, { target: { value: '全体として良好。委託先管理に課題。' } });
    expect(screen.getByText('未保存の変更があります。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'PDF を出力' }));
    await waitFor(() => expect(f.calls.some((c) => c.channel === 'report.build')).toBe(true));
    const order = f.calls.map((c) => c.channel).filter((c) => c !== 'assessments.get');
    expect(order).toEqual(['assessments.update', 'report.build']);
    expect(f.calls.find((c) => c.channel === 'assessments.update')?.input).toEqual({
      id: d.id,
      overallComment: '全体として良好。委託先管理に課題。',
    });
    expect(await screen.findByText('総評を保存しました。')).toBeTruthy();
  });

  it('saves on leaving the field, once, and not at all when nothing changed', async () => {
    const d = detail([control('1.1')]);
    const f = mount(d);
    const box = await field();
    fireEvent.blur(box);
    fireEvent.change(box, { target: { value: '総評です' } });
    fireEvent.blur(box);
    await waitFor(() => expect(f.calls.filter((c) => c.channel === 'assessments.update')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'PDF を出力' }));
    await waitFor(() => expect(f.calls.some((c) => c.channel === 'report.build')).toBe(true));
    expect(f.calls.filter((c) => c.channel === 'assessments.update')).toHaveLength(1);
  });

  it('cannot be edited once the assessment is final', async () => {
    const f = mount(detail([control('1.1')], { status: 'final', overallComment: '確定時の総評' }));
    const box = (await field()) as HTMLTextAreaElement;
    expect(box.disabled).toBe(true);
    expect(screen.getByText('確定済みのため編集できません（差し戻すと編集できます）。')).toBeTruthy();
    expect(f.calls.some((c) => c.channel === 'assessments.update')).toBe(false);
  });
});
