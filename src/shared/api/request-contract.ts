import { z } from 'zod';
import { AnswerPatchSchema } from '../../core/assessment/answer-fields';
import { MAX_PASSPHRASE_CHARS, SEALED_OVERHEAD_BYTES } from '../../core/exchange/sealed-package';
import type { ExportedFile } from './types';
import type { RequestView, ResponseImportSummary, ResponseItemSummary, ResponseItemView } from './request-types';

/**
 * The channels of distribute and collect (issue #13 part 2), spread into the contract (contract.ts): requests on
 * the assessment's side, response work items on the respondent's.
 */
function channel<I extends z.ZodType, O>(input: I) {
  return { input, output: undefined as unknown as O };
}

/** Largest request or response package: a response carries its evidence (as large as an assessment file). */
export const MAX_REQUEST_PACKAGE_BYTES = 200 * 1024 * 1024 + SEALED_OVERHEAD_BYTES;
const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

const Id = z.string().uuid();
const Key = z.string().min(1).max(130);
const Passphrase = z
  .string()
  .min(1)
  .max(MAX_PASSPHRASE_CHARS * 4);
const Package = z
  .string()
  .min(1)
  .max(Math.ceil((MAX_REQUEST_PACKAGE_BYTES * 4) / 3) + 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

const Selector = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('owner'), owner: z.string().trim().min(1).max(200) }),
  z.strictObject({ by: z.literal('group'), group: z.string().trim().min(1).max(200) }),
  z.strictObject({ by: z.literal('tag'), tag: z.string().trim().min(1).max(100) }),
  z.strictObject({ by: z.literal('controls'), controlKeys: z.array(Key).min(1).max(2000) }),
]);

const RequestCreate = z.strictObject({
  assessmentId: Id,
  respondent: z.string().trim().min(1).max(200),
  selector: Selector,
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .nullable()
    .optional(),
  passphrase: Passphrase,
});
const Empty = z.strictObject({});
const RequestList = z.strictObject({ assessmentId: Id });
const ResponseImport = z.strictObject({ assessmentId: Id, content: Package, passphrase: Passphrase });
const RequestOpen = z.strictObject({ content: Package, passphrase: Passphrase });
const ResponseGet = z.strictObject({ requestId: Id });
const ResponseAnswer = AnswerPatchSchema.extend({ requestId: Id, controlKey: Key });
const ResponseEvidence = z.strictObject({
  requestId: Id,
  controlKeys: z.array(Key).min(1).max(2000),
  fileName: z.string().trim().min(1).max(255),
  content: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_EVIDENCE_BYTES * 4) / 3) + 4),
});
const ResponseSeal = z.strictObject({ requestId: Id, passphrase: Passphrase });

export const requestContract = {
  /** Makes a request for a respondent and returns it sealed (a `.tenken` package of kind `request`), base64. */
  'requests.create': channel<typeof RequestCreate, { request: RequestView } & ExportedFile>(RequestCreate),
  'requests.list': channel<typeof RequestList, RequestView[]>(RequestList),
  /** Imports a sealed response into the assessment that made its request: all of it or nothing. */
  'requests.importResponse': channel<typeof ResponseImport, ResponseImportSummary>(ResponseImport),
  /** Respondent: opens a request package as a response work item. */
  'responses.open': channel<typeof RequestOpen, ResponseItemView>(RequestOpen),
  'responses.list': channel<typeof Empty, ResponseItemSummary[]>(Empty),
  'responses.get': channel<typeof ResponseGet, ResponseItemView>(ResponseGet),
  'responses.answer': channel<typeof ResponseAnswer, ResponseItemView>(ResponseAnswer),
  'responses.addEvidence': channel<typeof ResponseEvidence, ResponseItemView>(ResponseEvidence),
  /** Respondent: the response sealed (a `.tenken` package of kind `response`), base64. */
  'responses.seal': channel<typeof ResponseSeal, ExportedFile>(ResponseSeal),
} as const;

/** Channels that write (classified in src/main/api/write-channels.ts). */
export const REQUEST_WRITE_CHANNELS = [
  'requests.create',
  'requests.importResponse',
  'responses.open',
  'responses.answer',
  'responses.addEvidence',
  'responses.seal',
] as const;
