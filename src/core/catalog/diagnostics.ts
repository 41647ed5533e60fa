/**
 * A problem found in a catalog or mapping file. `key` is an i18n key under `catalogErrors.` with `params`,
 * so the same diagnostic reads in Japanese or English; `path` is the location inside the document
 * (e.g. items[2].items[0].title.en) and line/column point into the file as the author sees it.
 */
export type CatalogDiagnostic = {
  severity: 'error' | 'warning';
  key: string;
  params: Record<string, string | number>;
  path: string;
  line?: number;
  column?: number;
};

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}
