import { m0010Initial } from './0010-initial';
import { m0020SearchAndUpgrades } from './0020-search-and-upgrades';
import { m0030Workflow } from './0030-workflow';
import { m0040AssessmentCatalogs } from './0040-assessment-catalogs';
import { m0050DropAssessmentProfile } from './0050-drop-assessment-profile';
import { m0060CustomizedApproach } from './0060-customized-approach';
import { m0070Signoff } from './0070-signoff';
import { m0080Requests } from './0080-requests';
import { m0090Periods } from './0090-periods';
import { m0100Speed } from './0100-speed';
import { m0110CharacterIndex } from './0110-character-index';
import { m0120LookupIndexes } from './0120-lookup-indexes';
import type { Migration } from './types';

/** Every migration, in order. Add a file per step and list it here. */
export const MIGRATIONS: readonly Migration[] = [
  m0010Initial,
  m0020SearchAndUpgrades,
  m0030Workflow,
  m0040AssessmentCatalogs,
  m0050DropAssessmentProfile,
  m0060CustomizedApproach,
  m0070Signoff,
  m0080Requests,
  m0090Periods,
  m0100Speed,
  m0110CharacterIndex,
  m0120LookupIndexes,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
