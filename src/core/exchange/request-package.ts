import { z } from 'zod';
import { AnswerFieldsWithDefaultsSchema, type AnswerFields } from '../assessment/answer-fields';
import { checkAnswer, type AnswerRuleBreak } from '../assessment/answer-rules';
import type { AnswerValue } from '../catalog/format';

/**
 * Distribute and collect (issue #13 part 2): a *request* asks a named respondent (a department, a group company, a
 * person) to answer a subset of an assessment's controls; the respondent answers in their own Tenken and sends back
 * a *response*. Both travel as sealed packages (`tenken-sealed/1`, kinds `request` and `response`), so the clear-text
 * header says only that it is a request or a response; everything below is inside the encrypted payload.
 *
 * - `tenken-request/1`: the request id, the assessment's id and name, the history chain head when the request was
 *   made, the respondent, the due date, and for each control only what is needed to answer it: the catalog's text
 *   and guidance, the scale, and the current answer if any. Not the whole assessment: no other controls, no
 *   evidence, no history.
 * - `tenken-response/1`: the request id and chain head echoed back, who answered, the answers (every answer field)
 *   and the evidence (bytes, base64, with their SHA-256 and the controls they support).
 *
 * This module is pure: the formats, the choice of controls, the checks a response must pass and the tracking state.
 */
export const REQUEST_FORMAT = 'tenken-request/1';
export const RESPONSE_FORMAT = 'tenken-response/1';
/** A request asks about this many controls at most (a department's part, not a whole catalog many times over). */
export const MAX_REQUEST_CONTROLS = 2000;
export const MAX_RESPONSE_EVIDENCE = 200;

const Localized = z.strictObject({ ja: z.string().max(100_000), en: z.string().max(100_000) });
const PartialLocalized = z.strictObject({
  ja: z.string().max(100_000).optional(),
  en: z.string().max(100_000).optional(),
});
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const IsoTime = z.string().min(10).max(40);
const Uuid = z.string().uuid();
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');
const Key = z.string().min(1).max(300);
const Name = z.string().trim().min(1).max(200);

const ScaleValue = z.looseObject({
  value: z.string().min(1).max(32),
  label: Localized,
  meaning: z.string().max(40).optional(),
  justification: z.string().max(20).optional(),
});

export const RequestControlSchema = z.strictObject({
  controlKey: Key,
  catalog: z.string().min(1).max(100),
  controlId: z.string().min(1).max(200),
  title: Localized,
  /** The titles of the chapters above, outermost first (to show where the control sits). */
  path: z.array(Localized).max(64),
  description: PartialLocalized.nullable(),
  guidance: PartialLocalized.nullable(),
  providerGuidance: PartialLocalized.nullable(),
  evidence: z.strictObject({ ja: z.array(z.string().max(5000)), en: z.array(z.string().max(5000)) }).nullable(),
  excludable: z.boolean(),
  /** The answer at the assessment when the request was made, or null. */
  answer: AnswerFieldsWithDefaultsSchema.nullable(),
});
export type RequestControl = z.output<typeof RequestControlSchema>;

export const RequestCatalogSchema = z.strictObject({
  catalog: z.string().min(1).max(100),
  version: z.string().min(1).max(100),
  title: Localized,
  answerScale: z.array(ScaleValue).min(1).max(20),
  customizedApproach: z.boolean(),
});
export type RequestCatalog = z.output<typeof RequestCatalogSchema>;

export const RequestPayloadSchema = z.strictObject({
  format: z.literal(REQUEST_FORMAT),
  requestId: Uuid,
  assessment: z.strictObject({ id: Uuid, name: z.string().max(500) }),
  /** The assessment's history chain head when the request was made (the response echoes it). */
  chainHead: Hash,
  respondent: Name,
  due: IsoDate.nullable(),
  createdAt: IsoTime,
  createdBy: z.string().max(200),
  catalogs: z.array(RequestCatalogSchema).min(1).max(20),
  controls: z.array(RequestControlSchema).min(1).max(MAX_REQUEST_CONTROLS),
});
export type RequestPayload = z.output<typeof RequestPayloadSchema>;

export const ResponseEvidenceSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  sha256: Hash,
  size: z.number().int().min(1),
  controlKeys: z.array(Key).min(1).max(MAX_REQUEST_CONTROLS),
  addedBy: z.string().max(200),
  addedAt: IsoTime,
  content: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});
export type ResponseEvidence = z.output<typeof ResponseEvidenceSchema>;

export const ResponsePayloadSchema = z.strictObject({
  format: z.literal(RESPONSE_FORMAT),
  requestId: Uuid,
  assessmentId: Uuid,
  chainHead: Hash,
  respondent: Name,
  /** The person who answered (the respondent's Tenken user name). */
  answeredBy: Name,
  sealedAt: IsoTime,
  answers: z
    .array(
      z.strictObject({
        controlKey: Key,
        fields: AnswerFieldsWithDefaultsSchema,
        answeredBy: z.string().max(200),
        answeredAt: IsoTime,
      }),
    )
    .max(MAX_REQUEST_CONTROLS),
  evidence: z.array(ResponseEvidenceSchema).max(MAX_RESPONSE_EVIDENCE),
});
export type ResponsePayload = z.output<typeof ResponsePayloadSchema>;

/** Parses a payload; a problem is `path: message` (the caller turns it into a located ja/en error). */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  text: string,
): { ok: true; value: z.output<S> } | { ok: false; detail: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, detail: (e as Error).message.slice(0, 200) };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 300) };
}

// ---- Choosing the controls ---------------------------------------------------------------------------------

/** How the controls of a request are chosen: by the answers' owner, a chapter (group), a catalog tag, or a list. */
export type RequestSelector =
  | { by: 'owner'; owner: string }
  | { by: 'group'; group: string }
  | { by: 'tag'; tag: string }
  | { by: 'controls'; controlKeys: string[] };

export type SelectableControl = {
  controlKey: string;
  controlId: string;
  /** The chapter IDs above the control, outermost first. */
  ancestors: string[];
  tags: readonly string[];
  owner: string;
  /** Only assessable controls that apply under the profile can be asked about. */
  answerable: boolean;
};

/**
 * The control keys a selector picks, in the assessment's order. A group names a chapter by its control ID (or its
 * key, for a catalog other than the first); a listed key that is not an answerable control is returned in `unknown`.
 */
export function selectControls(
  controls: readonly SelectableControl[],
  selector: RequestSelector,
): { keys: string[]; unknown: string[] } {
  const answerable = controls.filter((c) => c.answerable);
  switch (selector.by) {
    case 'owner': {
      const o = selector.owner.trim();
      return { keys: answerable.filter((c) => c.owner.trim() === o).map((c) => c.controlKey), unknown: [] };
    }
    case 'tag':
      return { keys: answerable.filter((c) => c.tags.includes(selector.tag)).map((c) => c.controlKey), unknown: [] };
    case 'group': {
      const g = selector.group;
      const prefix = (c: SelectableControl) => c.controlKey.slice(0, c.controlKey.length - c.controlId.length);
      return {
        keys: answerable
          .filter(
            (c) => c.controlId === g || c.controlKey === g || c.ancestors.some((a) => a === g || prefix(c) + a === g),
          )
          .map((c) => c.controlKey),
        unknown: [],
      };
    }
    case 'controls': {
      const wanted = new Set(selector.controlKeys);
      const known = new Set(answerable.map((c) => c.controlKey));
      return {
        keys: answerable.filter((c) => wanted.has(c.controlKey)).map((c) => c.controlKey),
        unknown: [...wanted].filter((k) => !known.has(k)),
      };
    }
  }
}

// ---- Checking a response -----------------------------------------------------------------------------------

export type RequestRecord = {
  id: string;
  assessmentId: string;
  chainHead: string;
  controlKeys: readonly string[];
  state: RequestState;
};

export type ResponseProblem =
  | { problem: 'otherAssessment' }
  | { problem: 'chainHead' }
  | { problem: 'alreadyImported' }
  | { problem: 'outsideRequest'; controls: string[] }
  | { problem: 'duplicateControl'; control: string }
  | { problem: 'evidenceHash'; file: string };

/**
 * Whether a response fits the request it names: the same assessment and chain head, not imported before, only
 * controls of the request (each once), and evidence whose bytes have the SHA-256 they claim (`sha256Of` computes
 * it). The answers' own rules are checked by the caller with the assessment's catalogs (answer-rules.ts).
 */
export function checkResponse(
  request: RequestRecord,
  response: ResponsePayload,
  sha256Of: (content: string) => string,
): ResponseProblem | null {
  if (response.assessmentId !== request.assessmentId) return { problem: 'otherAssessment' };
  if (response.chainHead !== request.chainHead) return { problem: 'chainHead' };
  if (request.state === 'answered') return { problem: 'alreadyImported' };
  const asked = new Set(request.controlKeys);
  const outside = [
    ...new Set([
      ...response.answers.map((a) => a.controlKey).filter((k) => !asked.has(k)),
      ...response.evidence.flatMap((e) => e.controlKeys).filter((k) => !asked.has(k)),
    ]),
  ];
  if (outside.length) return { problem: 'outsideRequest', controls: outside };
  const seen = new Set<string>();
  for (const a of response.answers) {
    if (seen.has(a.controlKey)) return { problem: 'duplicateControl', control: a.controlKey };
    seen.add(a.controlKey);
  }
  for (const e of response.evidence)
    if (sha256Of(e.content) !== e.sha256) return { problem: 'evidenceHash', file: e.fileName };
  return null;
}

/** The rule an answer of a request breaks (answer-rules.ts, and the catalog's exclusion rule), or null. */
export function checkRequestAnswer(
  catalog: Pick<RequestCatalog, 'answerScale' | 'customizedApproach'>,
  control: Pick<RequestControl, 'excludable' | 'controlKey'>,
  next: AnswerFields,
  lang: 'ja' | 'en' = 'ja',
): AnswerRuleBreak | { key: 'exclusionNotAllowed'; params: { value: string; decidedBy: string } } | null {
  const scale = catalog.answerScale as unknown as AnswerValue[];
  const broken = checkAnswer(scale, next, lang, { customizedApproach: catalog.customizedApproach });
  if (broken) return broken;
  const meaning = scale.find((s) => s.value === next.value)?.meaning;
  if (meaning === 'not_applicable' && !control.excludable)
    return { key: 'exclusionNotAllowed', params: { value: next.value ?? '', decidedBy: control.controlKey } };
  return null;
}

// ---- Tracking ----------------------------------------------------------------------------------------------

export const REQUEST_STATES = ['out', 'answered'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
/** What the tracking view shows: a request still out past its due date is overdue. */
export type RequestShownState = 'out' | 'answered' | 'overdue';

/** `today` is the local date (YYYY-MM-DD) where the user is; due on that day is not yet overdue. */
export function shownState(state: RequestState, due: string | null, today: string): RequestShownState {
  if (state === 'answered') return 'answered';
  return due !== null && due < today ? 'overdue' : 'out';
}
