import type { PERIOD_CHANNEL_NAMES } from '../../shared/api/channels-periods';
import { carryForward, carryForwardReport, duplicateAssessment } from '../assessments/carry-forward';
import { archiveAssessment, emptyTrash, restoreAssessment, trashAssessment } from '../assessments/housekeeping';
import { evidenceValidity, setEvidenceValidity } from '../assessments/evidence-validity';
import type { Handlers } from './handlers';

type PeriodChannel = (typeof PERIOD_CHANNEL_NAMES)[number];

/** Handlers of the period and housekeeping channels (spread into `handlers`). */
export const periodsHandlers: Pick<Handlers, PeriodChannel> = {
  'assessments.carryForward': (ctx, input) => carryForward(ctx, input),
  'assessments.carryReport': (ctx, input) => carryForwardReport(ctx, input.id),
  'assessments.duplicate': (ctx, input) => duplicateAssessment(ctx, input),
  'assessments.archive': (ctx, input) => archiveAssessment(ctx, input),
  'assessments.trash': (ctx, input) => trashAssessment(ctx, input.id),
  'assessments.restore': (ctx, input) => restoreAssessment(ctx, input.id),
  'assessments.emptyTrash': (ctx) => emptyTrash(ctx),
  'evidence.validity': (ctx, input) => evidenceValidity(ctx, input.assessmentId),
  'evidence.setValidity': (ctx, input) => setEvidenceValidity(ctx, input),
};

/** Whether each of them writes (see write-channels.ts). */
export const PERIODS_ACCESS: Record<PeriodChannel, 'read' | 'write'> = {
  'assessments.carryForward': 'write',
  'assessments.carryReport': 'read',
  'assessments.duplicate': 'write',
  'assessments.archive': 'write',
  'assessments.trash': 'write',
  'assessments.restore': 'write',
  'assessments.emptyTrash': 'write',
  'evidence.validity': 'read',
  'evidence.setValidity': 'write',
};
