// Shared pieces for renderer tests in jsdom: the UI strings, a small ISMAP-like catalog, and a fake API that
// keeps answers the way the service does (refusing a justification-required value without a reason).
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { initReactI18next } from 'react-i18next';
import { answerFieldsOf, mergeAnswer, type AnswerPatch } from '../../src/core/assessment/answer-fields';
import { checkAnswer } from '../../src/core/assessment/answer-rules';
import type { AnswerValue } from '../../src/core/catalog/format';
import { ApiCallError, type ApiClient } from '../../src/renderer/api/client';
import { ApiContext } from '../../src/renderer/api/context';
import { resources } from '../../src/shared/i18n';
import type { AnswerView, AssessmentDetail, ControlView } from '../../src/shared/api/types';

export function initStrings(lng: 'ja' | 'en' = 'ja'): void {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as never);
}

const text = (ja: string, en: string) => ({ ja, en });
/** The ISMAP scale's shape: 4 (除外) needs a justification. */
export const SCALE: AnswerValue[] = [
  {
    value: 'implemented',
    label: text('実施', 'Implemented'),
    meaning: 'compliant',
    score: 1,
    justification: 'optional',
  },
  { value: 'partial', label: text('一部実施', 'Partial'), meaning: 'partial', score: 0.5, justification: 'optional' },
  {
    value: 'not_implemented',
    label: text('未実施', 'Not implemented'),
    meaning: 'noncompliant',
    score: 0,
    justification: 'optional',
  },
  {
    value: 'excluded',
    label: text('除外', 'Excluded'),
    meaning: 'not_applicable',
    score: null,
    justification: 'required',
  },
];

export function control(controlId: string, extra: Partial<ControlView> = {}): ControlView {
  return {
    controlId,
    parentId: null,
    depth: 0,
    assessable: true,
    mandatory: true,
    title: text(`管理策 ${controlId}`, `Control ${controlId}`),
    description: null,
    guidance: null,
    providerGuidance: null,
    evidence: null,
    tags: [],
    unverified: null,
    applicable: true,
    weight: null,
    excludable: true,
    ...extra,
  };
}

export function detail(controls: ControlView[], extra: Partial<AssessmentDetail> = {}): AssessmentDetail {
  const catalog = { ref: 1, catalogId: 'ismap', version: '2024-07', title: text('ISMAP 管理基準', 'ISMAP') };
  const progress = { answered: 0, total: controls.length };
  return {
    id: '9c07104c-5e95-47e7-82f6-0a91cff01923',
    name: 'テスト',
    assessors: '',
    periodStart: null,
    periodEnd: null,
    profile: null,
    organization: null,
    catalog,
    catalogs: [{ ...catalog, profile: null, keyPrefix: '', progress }],
    status: 'draft',
    createdAt: '2026-12-03T00:00:00Z',
    updatedAt: '2026-12-03T00:00:00Z',
    progress,
    keyPrefix: '',
    scope: '',
    overallComment: '',
    profiles: [],
    tags: [],
    answerScale: SCALE,
    controls,
    answers: [],
    otherVersions: [],
    lastUpgrade: null,
    scoring: null,
    customizedApproach: false,
    ...extra,
  };
}

export type Call = { channel: string; input: Record<string, unknown> };

/** A fake API over one assessment: records every call, stores answers, and refuses what the service refuses. */
export function fakeApi(d: AssessmentDetail) {
  const calls: Call[] = [];
  const answers = new Map<string, AnswerView>();
  const history: { before: Map<string, AnswerView | undefined> }[] = [];
  const audit: { action: string; entityId: string; oldValue: unknown; newValue: unknown }[] = [];
  let at = 0;
  const now = () => `2026-12-03T01:00:${String(at++).padStart(2, '0')}Z`;
  const progress = () => ({ answered: [...answers.values()].filter((a) => a.value).length, total: d.controls.length });
  const write = (key: string, patch: AnswerPatch): AnswerView => {
    const before = answers.get(key);
    const next = mergeAnswer(answerFieldsOf(before), patch);
    const broken = checkAnswer(d.answerScale, next);
    if (broken)
      throw new ApiCallError({
        code: 'bad_input',
        key: broken.key,
        params: { ...broken.params, control: key },
      } as never);
    const saved: AnswerView = {
      ...next,
      controlId: key.slice(key.indexOf(':') + 1),
      controlKey: key,
      updatedAt: now(),
      updatedBy: 'tester',
      revision: (before?.revision ?? 0) + 1,
    };
    answers.set(key, saved);
    return saved;
  };
  const handlers: Record<string, (input: Record<string, unknown>) => unknown> = {
    'assessments.get': () => ({ ...d, answers: [...answers.values()] }),
    'evidence.list': () => [],
    'suggestions.list': () => [],
    'audit.history': (input) => audit.filter((e) => e.entityId === input.controlKey).reverse(),
    'assessments.quality': () => [],
    'assessments.setStatus': (input) => ({ status: input.status, issues: [] }),
    'answers.set': (input) => {
      const {
        assessmentId: _a,
        controlKey,
        ...patch
      } = input as { assessmentId: string; controlKey: string } & AnswerPatch;
      history.push({ before: new Map([[controlKey, answers.get(controlKey)]]) });
      return { answer: write(controlKey, patch), progress: progress() };
    },
    'answers.batch': (input) => {
      const { controlKeys, value, justification } = input as {
        controlKeys: string[];
        value: string | null;
        justification?: string;
      };
      const before = new Map(controlKeys.map((k) => [k, answers.get(k)]));
      // All or nothing, like the service's transaction.
      const snapshot = new Map(answers);
      try {
        const out = controlKeys.map((k) => write(k, { value, justification }));
        history.push({ before });
        return { changed: out.length, answers: out, progress: progress() };
      } catch (e) {
        answers.clear();
        for (const [k, v] of snapshot) answers.set(k, v);
        throw e;
      }
    },
    'answers.undo': () => {
      const last = history.pop();
      if (!last) throw new ApiCallError({ code: 'conflict', key: 'nothingToUndo', params: {} } as never);
      const out: AnswerView[] = [];
      for (const [k, v] of [...last.before].reverse()) {
        const restored: AnswerView = {
          ...answerFieldsOf(v),
          controlId: k.slice(k.indexOf(':') + 1),
          controlKey: k,
          updatedAt: now(),
          updatedBy: 'tester',
          revision: (answers.get(k)?.revision ?? 0) + 1,
        };
        audit.push({
          action: 'answer.undo',
          entityId: k,
          oldValue: answerFieldsOf(answers.get(k)),
          newValue: answerFieldsOf(v),
        });
        answers.set(k, restored);
        out.push(restored);
      }
      return { undone: out.map((a) => a.controlKey), answers: out, progress: progress() };
    },
  };
  const api: ApiClient = {
    call: (async (channel: string, input: unknown) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      const h = handlers[channel];
      if (!h) throw new Error(`fake API: ${channel} not expected`);
      return h(input as Record<string, unknown>);
    }) as ApiClient['call'],
  };
  return {
    api,
    calls,
    answers,
    writes: () => calls.filter((c) => c.channel === 'answers.set' || c.channel === 'answers.batch'),
  };
}

export function WithApi({ api, children }: { api: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** jsdom has no ResizeObserver (the control list watches its size). */
export function stubLayout(): void {
  if (!('ResizeObserver' in globalThis)) {
    (globalThis as Record<string, unknown>).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
}
