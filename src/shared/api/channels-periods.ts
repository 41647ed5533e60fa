/** The channels of periods and housekeeping (carry forward, duplicate, archive, trash), listed in CHANNEL_NAMES. */
export const PERIOD_CHANNEL_NAMES = [
  'assessments.carryForward',
  'assessments.carryReport',
  'assessments.duplicate',
  'assessments.archive',
  'assessments.trash',
  'assessments.restore',
  'assessments.emptyTrash',
  'evidence.validity',
  'evidence.setValidity',
] as const;
