import { createRequest, importResponse, listRequests } from '../assessments/requests';
import {
  addResponseEvidence,
  getResponseItem,
  listResponseItems,
  openRequest,
  sealResponse,
  setResponseAnswer,
} from '../assessments/responses';
import type { Handlers } from './handlers';

type RequestChannel =
  | 'requests.create'
  | 'requests.list'
  | 'requests.importResponse'
  | 'responses.open'
  | 'responses.list'
  | 'responses.get'
  | 'responses.answer'
  | 'responses.addEvidence'
  | 'responses.seal';

const packageFile = (f: { fileName: string; bytes: Buffer }) => ({
  fileName: f.fileName,
  mediaType: 'application/octet-stream',
  content: f.bytes.toString('base64'),
});

/** Distribute and collect (issue #13 part 2): spread into handlers.ts. */
export const requestHandlers: Pick<Handlers, RequestChannel> = {
  'requests.create': async (ctx, input) => {
    const r = await createRequest(ctx, input);
    return { request: r.request, ...packageFile(r) };
  },
  'requests.list': (ctx, input) => listRequests(ctx, input.assessmentId),
  'requests.importResponse': (ctx, input) =>
    importResponse(ctx, {
      assessmentId: input.assessmentId,
      bytes: Buffer.from(input.content, 'base64'),
      passphrase: input.passphrase,
    }),
  'responses.open': (ctx, input) => openRequest(ctx, Buffer.from(input.content, 'base64'), input.passphrase),
  'responses.list': (ctx) => listResponseItems(ctx),
  'responses.get': (ctx, input) => getResponseItem(ctx, input.requestId),
  'responses.answer': (ctx, input) => setResponseAnswer(ctx, input),
  'responses.addEvidence': (ctx, input) => addResponseEvidence(ctx, input),
  'responses.seal': async (ctx, input) => packageFile(await sealResponse(ctx, input)),
};
