import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../../app/app-root';
import { AppError } from '../../../shared/api/errors';

/**
 * @font-face CSS for Noto Sans JP (OFL, bundled as @fontsource/noto-sans-jp), weights 400 and 700, with the
 * woff2 files inlined as data: URLs so `page.setContent` needs no file or network access.
 *
 * Why a web font: Chromium embeds a web font in a PDF as CID TrueType subsets; a system CJK font (Noto CJK OTC/CFF)
 * becomes dozens of Type 3 fonts and synthetic bold does too (see machine-notes "PDF with Japanese"). Both real
 * weights are given so bold is never synthesised.
 *
 * The package splits each weight into about 120 unicode-range chunks. With `text`, only the chunks holding a
 * character of that text are inlined (a typical report needs a dozen or so of ~4 MB per weight); without it, all are.
 * Chunks are picked by the characters, not by guesswork, so every character of the text has its glyph.
 */

export const REPORT_FONT_FAMILY = 'Noto Sans JP';
const WEIGHTS = [400, 700] as const;

type Face = { weight: number; file: string; ranges: [number, number][] | null };

let packageDir: string | null = null;
/** node_modules/@fontsource/noto-sans-jp under the app root (source, dist/ and the packaged app alike). */
function fontPackageDir(): string {
  if (packageDir) return packageDir;
  const dir = join(findAppRoot(), 'node_modules', '@fontsource', 'noto-sans-jp');
  if (!existsSync(join(dir, '400.css')))
    throw new AppError('internal', 'fontMissing', {
      detail: `@fontsource/noto-sans-jp is not installed (looked in ${dir})`,
    });
  packageDir = dir;
  return dir;
}

const faceCache = new Map<number, Face[]>();

/** `U+4e00-9fff, U+3000` → [[0x4e00, 0x9fff], [0x3000, 0x3000]]; `U+30??` wildcards are widened. */
function parseRanges(text: string): [number, number][] {
  return text
    .split(',')
    .map((part): [number, number] => {
      const p = part.trim().replace(/^U\+/i, '');
      if (p.includes('?')) return [parseInt(p.replace(/\?/g, '0'), 16), parseInt(p.replace(/\?/g, 'f'), 16)];
      const [a, b] = p.split('-');
      const start = parseInt(a ?? '', 16);
      return [start, b ? parseInt(b, 16) : start];
    })
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
}

function facesOf(weight: number): Face[] {
  const cached = faceCache.get(weight);
  if (cached) return cached;
  const css = readFileSync(join(fontPackageDir(), `${weight}.css`), 'utf8');
  const faces: Face[] = [];
  for (const block of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = block[1] ?? '';
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
    if (!file) continue;
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    faces.push({ weight, file, ranges: range ? parseRanges(range) : null });
  }
  if (faces.length === 0)
    throw new AppError('internal', 'fontMissing', {
      detail: `no woff2 faces in @fontsource/noto-sans-jp/${weight}.css`,
    });
  faceCache.set(weight, faces);
  return faces;
}

function codePoints(text: string): number[] {
  const seen = new Set<number>();
  for (const ch of text) seen.add(ch.codePointAt(0) as number);
  return [...seen].sort((a, b) => a - b);
}

const covers = (face: Face, points: readonly number[]) =>
  face.ranges === null || points.some((cp) => face.ranges?.some(([a, b]) => cp >= a && cp <= b));

/** The @font-face rules (family 'Noto Sans JP', weights 400 and 700), for the characters of `text` when given. */
export function reportFontCss(opts: { text?: string | undefined } = {}): string {
  const points = opts.text === undefined ? null : codePoints(opts.text);
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    for (const face of facesOf(weight)) {
      if (points && !covers(face, points)) continue;
      const data = readFileSync(join(fontPackageDir(), 'files', face.file)).toString('base64');
      const range = face.ranges
        ? `unicode-range:${face.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')};`
        : '';
      rules.push(
        `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');${range}}`,
      );
    }
  }
  return rules.join('\n');
}
