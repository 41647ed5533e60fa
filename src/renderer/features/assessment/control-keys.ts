import { parseControlKey } from '../../../core/assessment/control-key';
import type { Route } from '../../app/router';

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

/** Where a control named by its key lives: its catalog's page of the assessment (the first catalog has no segment). */
export function routeToControl(assessmentId: string, key: string): Route {
  const k = parseControlKey(key);
  return { name: 'assessment', id: assessmentId, ...(k.catalogId ? { catalog: k.catalogId } : {}), control: k.controlId };
}
