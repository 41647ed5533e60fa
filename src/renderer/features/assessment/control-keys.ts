import { parseControlKey } from '../../../core/assessment/control-key';
import type { Route } from '../../navigation/routes';

/** Where a control named by its key lives: its catalog's page of the assessment (the first catalog has no segment). */
export function routeToControl(assessmentId: string, key: string): Route {
  const k = parseControlKey(key);
  return {
    name: 'assessment',
    id: assessmentId,
    ...(k.catalogId ? { catalog: k.catalogId } : {}),
    control: k.controlId,
  };
}
