// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreAssessment } from '../../src/core/assessment/scoring';
import type { AnswerMeaning } from '../../src/core/catalog/format';
import { ControlList } from '../../src/renderer/features/assessment/ControlList';
import { GroupTable } from '../../src/renderer/features/dashboard/GroupTable';
import { control, initStrings, SCALE, stubLayout } from './support';

afterEach(cleanup);

// A PCI-shaped outline: groups numbered only by Tenken (goal-1 「目標1：…」) above real requirement IDs.
const title = (ja: string, en: string) => ({ ja, en });
const controls = [
  control('goal-1', { assessable: false, title: title('目標1：安全なネットワーク', 'Goal 1: Secure networks') }),
  control('1.1', { parentId: 'goal-1', depth: 1, title: title('要件1の方針', 'Requirement 1 policy') }),
  control('1.2', { parentId: 'goal-1', depth: 1, title: title('要件1の担当', 'Requirement 1 roles') }),
];
const score = scoreAssessment({
  controls,
  answers: [{ controlId: '1.1', value: 'implemented' }] as never,
  scale: SCALE,
});
const meanings = [...new Set(SCALE.map((s) => s.meaning))] as AnswerMeaning[];

describe("the catalog's own terms on screen", () => {
  it.each([
    ['ja', ['実施', '一部実施', '未実施', '除外'], ['適合', '不適合', '該当なし']],
    ['en', ['Implemented', 'Partial', 'Not implemented', 'Excluded'], ['Compliant', 'Noncompliant', 'Not applicable']],
  ] as const)('dashboard columns are the answer labels, and goal-1 is not shown (%s)', (lang, labels, generic) => {
    initStrings(lang);
    render(<GroupTable score={score} previous={null} meanings={meanings} scale={SCALE} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining([...labels]));
    for (const g of generic) expect(headers).not.toContain(g);
    const table = document.querySelector('table')?.textContent ?? '';
    expect(table).toContain(lang === 'ja' ? '目標1：安全なネットワーク' : 'Goal 1: Secure networks');
    expect(table).not.toContain('goal-1');
  });

  it('the answering list shows the requirement IDs but not the invented group ID', () => {
    initStrings('ja');
    stubLayout();
    render(
      <ControlList
        rows={controls}
        answers={new Map()}
        evidence={new Map()}
        scale={new Map(SCALE.map((s) => [s.value, s]))}
        selectedId="1.1"
        checked={new Set()}
        suggested={new Set()}
        onSelect={() => {}}
        onToggle={() => {}}
      />,
    );
    const list = screen.getByRole('listbox').textContent ?? '';
    expect(list).toContain('目標1：安全なネットワーク');
    expect(list).toContain('1.1');
    expect(list).not.toContain('goal-1');
  });
});
