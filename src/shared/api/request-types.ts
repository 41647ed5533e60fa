import type { AnswerFields } from '../../core/assessment/answer-fields';
import type { RequestPayload, RequestShownState } from '../../core/exchange/request-package';

/** One request of an assessment as the tracking view shows it. */
export type RequestView = {
  id: string;
  respondent: string;
  controlKeys: string[];
  due: string | null;
  createdAt: string;
  createdBy: string;
  state: RequestShownState;
  answeredAt: string | null;
  answeredBy: string | null;
};

export type ResponseImportSummary = {
  requestId: string;
  respondent: string;
  answeredBy: string;
  /** Answers written here. */
  applied: string[];
  /** Answers the respondent sent that were already the same here. */
  unchanged: string[];
  /** Controls whose answer was changed here after the request was made (the response's answer was applied). */
  changedHere: string[];
  evidenceAdded: number;
  evidenceLinked: number;
};

/** A request opened on the respondent's side, with what was answered and attached for it. */
export type ResponseItemView = {
  requestId: string;
  respondent: string;
  assessmentName: string;
  due: string | null;
  openedAt: string;
  sealedAt: string | null;
  request: RequestPayload;
  answers: { controlKey: string; fields: AnswerFields; updatedAt: string; updatedBy: string }[];
  evidence: {
    sha256: string;
    fileName: string;
    size: number;
    controlKeys: string[];
    addedBy: string;
    addedAt: string;
  }[];
};

export type ResponseItemSummary = {
  requestId: string;
  respondent: string;
  assessmentName: string;
  due: string | null;
  controls: number;
  answered: number;
  openedAt: string;
  sealedAt: string | null;
};
