/** Rough width in em: Latin letters and digits about half a full-width (Japanese) character. */
const emWidth = (ch: string) => (/[ -\u024f]/.test(ch) ? 0.56 : 1);

/** Cuts text to about `maxEm` wide, ending with an ellipsis when cut (chart labels in the dashboard and the report). */
export function fitText(text: string, maxEm: number): string {
  const chars = [...text];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    width += emWidth(chars[i] as string);
    if (width > maxEm)
      return `${chars
        .slice(0, Math.max(1, i - 1))
        .join('')
        .trimEnd()}\u2026`;
  }
  return text;
}
