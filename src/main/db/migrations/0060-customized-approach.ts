import type { Migration } from './types';

/** The customized-approach marker of an answer (PCI DSS v4 records it apart from compensating controls). */
export const m0060CustomizedApproach: Migration = {
  version: 60,
  name: 'customized-approach',
  up(db) {
    db.exec(
      'ALTER TABLE answers ADD COLUMN customized_approach INTEGER NOT NULL DEFAULT 0 CHECK (customized_approach IN (0, 1))',
    );
  },
};
