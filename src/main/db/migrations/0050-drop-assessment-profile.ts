import type { Migration } from './types';

/**
 * Since 0040 each catalog of an assessment carries its own profile (assessment_catalogs.profile); the old
 * assessments.profile only repeated the first catalog's and nothing reads it, so it goes rather than drift.
 * (assessments.catalog_row stays: it is a foreign key SQLite cannot drop in place; it names the first catalog.)
 */
export const m0050DropAssessmentProfile: Migration = {
  version: 50,
  name: 'drop-assessment-profile',
  up(db) {
    db.exec('ALTER TABLE assessments DROP COLUMN profile');
  },
};
