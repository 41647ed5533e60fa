import type { Migration } from './types';

/**
 * Indexes for lookups that had none, found at a consultant's scale (200 assessments, 2,000 evidence files):
 * - `evidence (assessment_id)`: an assessment's evidence was found by reading every evidence row, and its links by
 *   an index SQLite built again on each query — each assessment's evidence cost more as the workspace grew, so
 *   `audit verify`, which reads every assessment's, grew faster than the workspace.
 * - `answers (control_row)` and `evidence_links (control_row)`: a catalog update that drops a control checks the
 *   answers and links pointing at it (the foreign keys, and whether it was answered), by a full read of each table
 *   per dropped control.
 * - `assessments (organization_id)`: an organization's assessments (the home screen's counts, the roll-up's groups).
 */
export const m0120LookupIndexes: Migration = {
  version: 120,
  name: 'lookup-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX evidence_by_assessment ON evidence (assessment_id);
      CREATE INDEX answers_by_control ON answers (control_row);
      CREATE INDEX evidence_links_by_control ON evidence_links (control_row);
      CREATE INDEX assessments_by_organization ON assessments (organization_id);
    `);
  },
};
