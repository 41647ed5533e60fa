/**
 * A catalog page of an assessment names its controls by ID; the API, evidence and history name them by key
 * (`prefix + ID`, where the prefix is '' for the assessment's first catalog and `<catalog-id>:` for the others).
 */
export function controlKeys(prefix: string) {
  return {
    keyOf: (controlId: string) => prefix + controlId,
    /** The control ID on this page for a key, or null when the key names a control of another catalog. */
    idOf: (key: string): string | null => {
      if (prefix === '') return key.includes(':') ? null : key;
      return key.startsWith(prefix) ? key.slice(prefix.length) : null;
    },
  };
}
