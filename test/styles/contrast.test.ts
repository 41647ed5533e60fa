import { describe, expect, it } from 'vitest';
import { APP_CSS, contrastRatio, readRules, rendererStylesheets, resolveColor, rootVars } from '../support/css-colors';

/**
 * Text in the app keeps WCAG's 4.5:1 (AA for normal text) against what it is drawn on, checked on the stylesheets
 * themselves (app.css and every feature's own), so a colour change that breaks it fails here before anyone sees it. axe (test/e2e/accessibility.test.ts)
 * checks the rendered screens; this covers states the e2e test does not reach (hover, a checked and selected row).
 */
const MIN = 4.5;
const sheets = rendererStylesheets();
const rules = sheets.flatMap((f) => readRules(f));
const vars = rootVars(rules);
const bgOf = (decls: Map<string, string>) =>
  resolveColor(decls.get('background') ?? decls.get('background-color'), vars);
const name = (sel: string[]) => sel.join(', ');
/** A background text is drawn on: white or a light tint (rows, cards, chips). Mid tones are bars and meters. */
const isLightTint = (hex: string) => contrastRatio(hex, '#ffffff') < 1.45;

describe('colour contrast of the stylesheet', () => {
  it('reads the colours it checks (the parser finds the tokens and the chips)', () => {
    expect(sheets).toContain(APP_CSS);
    expect(sheets.length).toBeGreaterThan(1);
    expect(resolveColor('var(--muted)', vars)).toMatch(/^#[0-9a-f]{6}$/);
    expect(rules.some((r) => r.selectors.includes('.chip--empty'))).toBe(true);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#9aa0a6', '#ffffff')).toBeLessThan(MIN); // the old 未回答 grey, 2.6:1, is caught
  });

  it('every status token on its own background: --ok/--ok-bg, --partial/--partial-bg, --bad/--bad-bg, --na/--na-bg', () => {
    const pairs = [...vars.keys()].filter((k) => vars.has(`${k}-bg`));
    expect(pairs).toEqual(expect.arrayContaining(['--ok', '--partial', '--bad', '--na']));
    const weak = pairs
      .map((k) => ({ k, ratio: contrastRatio(resolveColor(`var(${k})`, vars)!, resolveColor(`var(${k}-bg)`, vars)!) }))
      .filter((p) => p.ratio < MIN);
    expect(weak).toEqual([]);
  });

  it('every chip carries its own text and background colour, at 4.5:1 or more', () => {
    const chips = rules.filter((r) => r.selectors.some((s) => /^\.chip--[\w-]+$/.test(s)));
    expect(chips.length).toBeGreaterThanOrEqual(5);
    const weak = chips.flatMap((r) => {
      const fg = resolveColor(r.decls.get('color'), vars);
      const bg = bgOf(r.decls);
      if (!fg || !bg) return [`${name(r.selectors)}: no own colour and background`];
      const ratio = contrastRatio(fg, bg);
      return ratio < MIN ? [`${name(r.selectors)}: ${fg} on ${bg} = ${ratio.toFixed(2)}`] : [];
    });
    expect(weak).toEqual([]);
  });

  it('a rule that sets both a text colour and a background keeps 4.5:1', () => {
    const weak = rules.flatMap((r) => {
      const fg = resolveColor(r.decls.get('color'), vars);
      const bg = bgOf(r.decls);
      if (!fg || !bg) return [];
      const ratio = contrastRatio(fg, bg);
      return ratio < MIN ? [`${name(r.selectors)}: ${fg} on ${bg} = ${ratio.toFixed(2)}`] : [];
    });
    expect(weak).toEqual([]);
  });

  it('text without its own background keeps 4.5:1 on every light tint the stylesheets paint', () => {
    // Which text lands on which surface is decided by the markup; holding every dark text colour to every light
    // background is stricter than needed and simple to keep true.
    const surfaces = new Map<string, string>();
    for (const r of rules) {
      const bg = bgOf(r.decls);
      if (bg && isLightTint(bg)) surfaces.set(bg, name(r.selectors));
    }
    expect(surfaces.size).toBeGreaterThan(10);
    const weak = rules.flatMap((r) => {
      const fg = resolveColor(r.decls.get('color'), vars);
      // White text is for dark fills (buttons, the selected pill) and is checked with them where they are declared.
      if (!fg || bgOf(r.decls) || isLightTint(fg)) return [];
      return [...surfaces]
        .filter(([bg]) => contrastRatio(fg, bg) < MIN)
        .map(([bg, on]) => `${name(r.selectors)}: ${fg} on ${bg} (${on}) = ${contrastRatio(fg, bg).toFixed(2)}`);
    });
    expect(weak).toEqual([]);
  });

  it('base text is at least 13 px', () => {
    const root = readRules(APP_CSS).find((r) => r.selectors.includes(':root'));
    expect(Number.parseFloat(root?.decls.get('font-size') ?? '0')).toBeGreaterThanOrEqual(13);
  });
});
