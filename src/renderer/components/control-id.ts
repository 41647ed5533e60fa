import { isStructuralId } from '../../core/report/model';

/**
 * The ID to show beside a group's or control's title: none for an ID the catalog invented only to have one
 * (`goal-1` beside 「目標1：…」), the same rule the report prints by.
 */
export const shownId = (controlId: string, title: string): string =>
  isStructuralId(controlId, title) ? '' : controlId;
