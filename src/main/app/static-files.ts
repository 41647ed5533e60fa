import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Maps a URL path to a file inside `root`, or null. Decoding, `..`, absolute paths, encoded separators,
 * NUL bytes and symlinks leading outside the root are all refused: the renderer folder is the only thing served.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (rel.split('/').some((seg) => seg === '..')) return null;
  const base = resolve(root);
  const full = resolve(base, rel);
  if (full !== base && !full.startsWith(base + sep)) return null;
  if (!existsSync(full) || !statSync(full).isFile()) return null;
  const real = realpathSync(full);
  const realBase = realpathSync(base);
  if (!real.startsWith(realBase + sep)) return null;
  return real;
}

export function readStatic(file: string): { body: Buffer; type: string } {
  return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
}

export const rendererIndex = (root: string) => join(root, 'index.html');
