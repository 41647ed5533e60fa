import { RENDERER_CSP } from '../app/csp';
import { readStatic, resolveStaticPath } from '../app/static-files';
import { APP_HOST } from './window-options';

/**
 * app://tenken/<path> → a file of the built renderer, GET only, with the CSP header. Any other host, method
 * or a path that escapes the renderer folder gets a 404/405 and nothing else.
 */
export function serveAppRequest(request: { method: string; url: string }, rendererDir: string): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method Not Allowed', { status: 405 });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('Bad Request', { status: 400 });
  }
  if (url.host !== APP_HOST) return new Response('Not Found', { status: 404 });
  const file = resolveStaticPath(rendererDir, url.pathname);
  if (!file) return new Response('Not Found', { status: 404 });
  const { body, type } = readStatic(file);
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { 'Content-Type': type, 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' },
  });
}
