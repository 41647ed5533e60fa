import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RENDERER = join(__dirname, '../../src/renderer');
/** The app's main stylesheet (the :root colour tokens live here). */
export const APP_CSS = join(RENDERER, 'styles/app.css');

/** Every stylesheet the renderer ships: app.css and the features' own (dashboard, roll-up, merge…). */
export function rendererStylesheets(dir = RENDERER): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return rendererStylesheets(p);
    return p.endsWith('.css') ? [p] : [];
  });
}

export type CssRule = { selectors: string[]; decls: Map<string, string> };

/**
 * The stylesheet's rules, flat (app.css has no @media or nesting; a block that is not a plain rule is kept with its
 * head as the selector, so it cannot be mistaken for one). Enough to read colours, not a CSS engine.
 */
export function readRules(file = APP_CSS): CssRule[] {
  const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: CssRule[] = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const decls = new Map<string, string>();
    for (const d of (m[2] ?? '').split(';')) {
      const i = d.indexOf(':');
      if (i > 0) decls.set(d.slice(0, i).trim(), d.slice(i + 1).trim());
    }
    rules.push({ selectors: (m[1] ?? '').split(',').map((s) => s.trim().replace(/\s+/g, ' ')), decls });
  }
  return rules;
}

/** The custom properties declared on :root. */
export function rootVars(rules: CssRule[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const r of rules.filter((r) => r.selectors.includes(':root')))
    for (const [k, v] of r.decls) if (k.startsWith('--')) vars.set(k, v);
  return vars;
}

/** A colour value as #rrggbb with var() resolved, or null when it is not one solid colour (a gradient, inherit…). */
export function resolveColor(value: string | undefined, vars: Map<string, string>): string | null {
  if (!value) return null;
  let v = value.trim();
  for (let i = 0; i < 10 && /^var\(/.test(v); i++) v = vars.get(/^var\((--[\w-]+)/.exec(v)?.[1] ?? '')?.trim() ?? '';
  const named: Record<string, string> = { white: '#ffffff', black: '#000000' };
  v = named[v] ?? v;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(v) ? v.toLowerCase() : null;
}

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
