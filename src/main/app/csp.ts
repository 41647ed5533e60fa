/**
 * The renderer's Content-Security-Policy, shared by the browser shell (HTTP header) and the Electron shell
 * (protocol response header): only the app's own scripts, no eval, no inline script, no network beyond the
 * app itself. Inline styles are allowed because React sets style attributes (no script can run from them).
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // Evidence previews: a PDF the user attached is shown from a blob: URL made by the page itself.
  'frame-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
