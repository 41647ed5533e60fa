import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';

/** One bookmark: its title, its depth (0 = top level) and the 1-based page its destination is on (null if none). */
export type OutlineEntry = { title: string; depth: number; page: number | null };

/** The PDF outline in reading order: /Outlines → /First, then /Next siblings and /First children, depth first. */
export function outlineEntries(doc: PDFDocument): OutlineEntry[] {
  const pages = doc.getPages().map((p) => p.ref.toString());
  const entries: OutlineEntry[] = [];
  const pageOf = (node: PDFDict): number | null => {
    const dest =
      node.lookupMaybe(PDFName.of('Dest'), PDFArray) ??
      node.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
    const ref = dest?.get(0);
    return ref instanceof PDFRef ? pages.indexOf(ref.toString()) + 1 || null : null;
  };
  const walk = (item: PDFDict | undefined, depth: number) => {
    for (let node = item, n = 0; node && n < 10_000; node = node.lookupMaybe(PDFName.of('Next'), PDFDict), n++) {
      const title = node.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString)
        entries.push({ title: title.decodeText(), depth, page: pageOf(node) });
      walk(node.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return entries;
}

/** Outline titles, indented two spaces per depth (for readable assertions and failure output). */
export function outlineTitles(doc: PDFDocument): string[] {
  return outlineEntries(doc).map((e) => `${'  '.repeat(e.depth)}${e.title}`);
}
