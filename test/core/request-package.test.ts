import { describe, expect, it } from 'vitest';
import {
  checkResponse,
  RESPONSE_FORMAT,
  selectControls,
  shownState,
  type ResponsePayload,
  type SelectableControl,
} from '../../src/core/exchange/request-package';
import { EMPTY_ANSWER } from '../../src/core/assessment/answer-fields';

const c = (controlKey: string, more: Partial<SelectableControl> = {}): SelectableControl => ({
  controlKey,
  controlId: controlKey.includes(':') ? (controlKey.split(':')[1] as string) : controlKey,
  ancestors: [],
  tags: [],
  owner: '',
  answerable: true,
  ...more,
});

const controls = [
  c('A.1', { ancestors: ['A'], owner: '情報システム部', tags: ['cloud'] }),
  c('A.2', { ancestors: ['A'], owner: '人事部' }),
  c('A', { answerable: false }),
  c('pci:12.1', { ancestors: ['12'], owner: '情報システム部 ' }),
  c('B.1', { ancestors: ['B'], owner: '情報システム部', answerable: false }),
];

describe('request-package: choosing controls', () => {
  it('by owner (trimmed), tag, group (chapter ID or key of another catalog) and list; never a non-answerable one', () => {
    expect(selectControls(controls, { by: 'owner', owner: '情報システム部' }).keys).toEqual(['A.1', 'pci:12.1']);
    expect(selectControls(controls, { by: 'tag', tag: 'cloud' }).keys).toEqual(['A.1']);
    expect(selectControls(controls, { by: 'group', group: 'A' }).keys).toEqual(['A.1', 'A.2']);
    expect(selectControls(controls, { by: 'group', group: 'pci:12' }).keys).toEqual(['pci:12.1']);
    expect(selectControls(controls, { by: 'controls', controlKeys: ['A.2', 'B.1', 'Z'] })).toEqual({
      keys: ['A.2'],
      unknown: ['B.1', 'Z'],
    });
  });

  it('tracking: out until due has passed (due today is not overdue), answered whatever the date', () => {
    expect(shownState('out', '2026-12-03', '2026-12-03')).toBe('out');
    expect(shownState('out', '2026-12-02', '2026-12-03')).toBe('overdue');
    expect(shownState('out', null, '2099-01-01')).toBe('out');
    expect(shownState('answered', '2020-01-01', '2026-12-03')).toBe('answered');
  });
});

describe('request-package: a response against its request', () => {
  const request = {
    id: '00000000-0000-4000-8000-000000000001',
    assessmentId: '00000000-0000-4000-8000-000000000002',
    chainHead: 'a'.repeat(64),
    controlKeys: ['A.1', 'A.2'],
    state: 'out' as const,
  };
  const response = (more: Partial<ResponsePayload> = {}): ResponsePayload => ({
    format: RESPONSE_FORMAT,
    requestId: request.id,
    assessmentId: request.assessmentId,
    chainHead: request.chainHead,
    respondent: '人事部',
    answeredBy: '佐藤',
    sealedAt: '2026-12-03T00:00:00.000Z',
    answers: [
      {
        controlKey: 'A.1',
        fields: { ...EMPTY_ANSWER, value: 'implemented' },
        answeredBy: '佐藤',
        answeredAt: 'x'.repeat(10),
      },
    ],
    evidence: [],
    ...more,
  });
  const sha = (s: string) => `h:${s}`;
  it('passes a fitting response and names each problem', () => {
    expect(checkResponse(request, response(), sha)).toBeNull();
    expect(checkResponse(request, response({ chainHead: 'b'.repeat(64) }), sha)?.problem).toBe('chainHead');
    expect(checkResponse({ ...request, state: 'answered' }, response(), sha)?.problem).toBe('alreadyImported');
    const outside = response({
      answers: [{ controlKey: 'B.1', fields: EMPTY_ANSWER, answeredBy: '', answeredAt: 'x'.repeat(10) }],
    });
    expect(checkResponse(request, outside, sha)).toEqual({ problem: 'outsideRequest', controls: ['B.1'] });
    const badFile = response({
      evidence: [
        {
          fileName: 'a.txt',
          sha256: 'c'.repeat(64),
          size: 1,
          controlKeys: ['A.1'],
          addedBy: '',
          addedAt: 'x'.repeat(10),
          content: 'YQ==',
        },
      ],
    });
    expect(checkResponse(request, badFile, sha)).toEqual({ problem: 'evidenceHash', file: 'a.txt' });
  });
});
