import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_ASSESSMENT_FILE_BYTES,
  MAX_EVIDENCE_BYTES,
  MAX_ANSWER_WORKBOOK_BYTES,
  MAX_IMPORT_BYTES,
  MAX_SEALED_PACKAGE_BYTES,
} from '../../shared/api/contract';
import { AppError, HTTP_STATUS, type ApiResult } from '../../shared/api/errors';
import type { TFunction } from 'i18next';
import { createI18n } from '../../shared/i18n';
import { dispatch } from '../api/dispatch';
import { toAppError } from '../api/error-map';
import { getSettings } from '../settings/settings';
import type { ServiceContext } from '../context';
import { RENDERER_CSP } from '../app/csp';
import { readStatic, resolveStaticPath } from '../app/static-files';

/** Whether a Content-Type header is the JSON media type, parameters allowed (`application/json; charset=utf-8`). */
export function isJsonMediaType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export type WebShell = {
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
};

/**
 * The largest request body per channel: file-carrying channels get room for their file as the contract allows it
 * (base64 for catalogs and evidence; an assessment file as a JSON string, whose escaped quotes need a margin), every
 * other channel 2 MB. Beyond it the request is refused with a clear 400 before anything runs.
 */
const SMALL_BODY_BYTES = 2 * 1024 * 1024;
const base64Room = (bytes: number) => Math.ceil((bytes * 4) / 3) + 64 * 1024;
const BODY_LIMITS: Readonly<Record<string, number>> = {
  'catalogs.preview': base64Room(MAX_IMPORT_BYTES),
  'answers.previewWorkbook': base64Room(MAX_ANSWER_WORKBOOK_BYTES),
  'answers.importWorkbook': base64Room(MAX_ANSWER_WORKBOOK_BYTES),
  'catalogs.import': base64Room(MAX_IMPORT_BYTES),
  'evidence.add': base64Room(MAX_EVIDENCE_BYTES),
  'assessments.import': Math.ceil(MAX_ASSESSMENT_FILE_BYTES * 1.25) + 64 * 1024,
  'assessments.importSealed': base64Room(MAX_SEALED_PACKAGE_BYTES),
  'assessments.mergePreview': base64Room(MAX_SEALED_PACKAGE_BYTES),
  'assessments.merge': base64Room(MAX_SEALED_PACKAGE_BYTES),
  'requests.importResponse': base64Room(MAX_SEALED_PACKAGE_BYTES),
  'responses.open': base64Room(MAX_SEALED_PACKAGE_BYTES),
  'responses.addEvidence': base64Room(MAX_EVIDENCE_BYTES),
};
export const maxBodyFor = (channel: string): number => BODY_LIMITS[channel] ?? SMALL_BODY_BYTES;
const SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Errors also carry a readable message in the workspace's language, for people using curl or reading logs. */
function sendResult(res: ServerResponse, result: ApiResult<unknown>, messages: () => TFunction): void {
  const status = result.ok ? 200 : HTTP_STATUS[result.error.code];
  const body = result.ok
    ? result
    : {
        ok: false,
        error: {
          ...result.error,
          message: messages()(`errors.${result.error.key}`, result.error.params as Record<string, unknown>),
        },
      };
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

/**
 * Messages in the workspace's language, made only when an error needs one (successful calls stay cheap). Without a
 * workspace to read it from (the recovery start screen, a restore under way) they are in Japanese.
 */
const messagesFor = (ctx: ServiceContext) => (): TFunction => {
  let language: 'ja' | 'en' = 'ja';
  try {
    if (ctx.session?.mode() !== 'recovery') language = getSettings(ctx).language;
  } catch {
    /* no workspace open right now */
  }
  return createI18n(language).t;
};

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets a clear answer instead of a reset.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolveBody(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser shell: the built renderer and the API on 127.0.0.1 only. Every API request must carry the
 * per-run token (else 401) and come from this origin (else 403); the Host header is checked too, so a
 * page on another site (or a DNS-rebinding name) cannot drive the API.
 */
export async function startWebShell(
  ctx: ServiceContext,
  opts: { rendererDir: string; port?: number; token?: string },
): Promise<WebShell> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  let hostHeader = '';

  const refuse = (
    res: ServerResponse,
    code: 'unauthorized' | 'forbidden' | 'bad_input' | 'not_found',
    key: string,
    params: Record<string, string | number> = {},
  ) => sendResult(res, { ok: false, error: new AppError(code, key, params).toData() }, messagesFor(ctx));

  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      if (req.headers.host !== hostHeader) return refuse(res, 'forbidden', 'forbidden');
      if (url.startsWith('/api/')) {
        if (req.method !== 'POST')
          return refuse(res, 'bad_input', 'badInput', { field: 'method', issue: 'postOnly', detail: 'POST only' });
        const auth = req.headers.authorization ?? '';
        const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
        if (!sameToken(given, token)) return refuse(res, 'unauthorized', 'unauthorized');
        if (req.headers.origin !== origin) return refuse(res, 'forbidden', 'forbidden');
        // Exactly application/json (parameters such as charset allowed): a prefix test would let application/jsonp in.
        if (!isJsonMediaType(req.headers['content-type']))
          return refuse(res, 'bad_input', 'badInput', {
            field: 'content-type',
            issue: 'jsonOnly',
            detail: 'application/json',
          });
        // Channel names are plain ASCII: anything else is left as is and refused by the dispatcher as unknown.
        const channel = url.slice('/api/'.length).split('?')[0] ?? '';
        const body = await readBody(req, maxBodyFor(channel));
        if (body === null)
          return refuse(res, 'bad_input', 'badInput', { field: 'body', issue: 'tooLarge', detail: 'too large' });
        let input: unknown;
        try {
          input = body === '' ? {} : JSON.parse(body);
        } catch {
          return refuse(res, 'bad_input', 'badInput', { field: 'body', issue: 'notJson', detail: 'not JSON' });
        }
        return sendResult(res, await dispatch(ctx, channel, input), messagesFor(ctx));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', 'text/plain');
      const file = resolveStaticPath(opts.rendererDir, url);
      if (!file) return send(res, 404, 'Not Found', 'text/plain');
      const { body, type } = readStatic(file);
      return send(res, 200, body, type);
    })().catch((e: unknown) => {
      // One line for the terminal (the stack with TENKEN_DEBUG=1); the browser gets no detail.
      console.error(
        `[tenken] web shell error: ${process.env.TENKEN_DEBUG ? ((e as Error).stack ?? String(e)) : toAppError(e).key} ${e instanceof Error ? e.message : ''}`,
      );
      if (!res.headersSent) send(res, 500, 'Internal Server Error', 'text/plain');
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new AppError('conflict', 'portInUse', { port: opts.port ?? 0 }) : e),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
