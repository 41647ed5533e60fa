import { isReleased, NO_SIGNOFF, SIGNOFF_STEPS, type Signoff, type SignoffStep } from '../assessment/signoff';
import { fitText } from '../util/fit-text';
import { zonedTime, zoneSuffix } from '../util/zoned-time';
import { formatDate, type DateStyle } from './dates';
import { fillLabel, type ReportLabels } from './labels';
import type { KeyValue, ReportInput, ReportModel } from './model';

/**
 * What a page of the report needs to be placed and trusted (issues #12.2, #15.8): the sign-off page (prepared,
 * reviewed, approved: name, role, time in the report's zone), the report number, the DRAFT watermark on every page
 * unless the assessment is final and approved, the running header (organization, report title, date), and 暫定 /
 * provisional beside the score on the cover while any answer is missing. Pure, like the rest of the model.
 */

export type ReportSignoff = {
  /** Final and approved: no watermark. */
  released: boolean;
  /** The watermark text on every page, or null when released. */
  watermark: string | null;
  /** The cover's draft note, or null when released. */
  draftNote: string | null;
  /** As printed (第 3 号 / No. 3), or the none dash when no number was issued (preview, read-only workspace). */
  reportNumber: string;
  rows: { step: SignoffStep; label: string; name: string; role: string; at: string; timestamp: boolean }[];
  /** The running header: organization and report title (cut to fit one line), and the report's date. */
  header: { text: string; date: string };
};

/** As model.ts formatTimestamp (kept here so this file does not import the model's code back). */
function stamp(iso: string, style: DateStyle, zone: string): string {
  const z = zonedTime(iso, zone);
  return z ? `${formatDate(z.date, style)} ${z.time} ${zoneSuffix(z)}` : iso;
}

const STEP_LABEL: Record<SignoffStep, keyof ReportLabels> = {
  prepared: 'signoffPrepared',
  reviewed: 'signoffReviewed',
  approved: 'signoffApproved',
};

export function reportSignoffOf(input: ReportInput, L: ReportLabels, title: string): ReportSignoff {
  const d = input.detail;
  const signoff: Signoff = input.signoff ?? NO_SIGNOFF;
  const released = isReleased(d.status, signoff);
  const style = input.dateStyle ?? 'iso';
  const zone = input.timeZone ?? 'UTC';
  const n = input.reportNumber;
  return {
    released,
    watermark: released ? null : L.watermark,
    draftNote: released ? null : L.draftNote,
    reportNumber: typeof n === 'number' && n > 0 ? fillLabel(L.reportNumberValue, { n }) : L.none,
    rows: SIGNOFF_STEPS.map((step) => {
      const s = signoff[step];
      return {
        step,
        label: L[STEP_LABEL[step]],
        name: s?.name ?? L.notRecorded,
        role: s?.role || L.none,
        at: s ? stamp(s.at, style, zone) : L.none,
        timestamp: !!s,
      };
    }),
    header: {
      text: fitText(
        d.organization?.name ? fillLabel(L.headerLine, { organization: d.organization.name, title }) : title,
        58,
      ),
      date: formatDate(zonedTime(input.generatedAt, zone)?.date ?? input.generatedAt, style),
    },
  };
}

/**
 * The model with the sign-off in it: the status row says approved when it is, and the cover gains the report number
 * and the score (with 暫定 / provisional while answers are missing) right under the status.
 */
export function withSignoff(model: Omit<ReportModel, 'signoff'>, input: ReportInput): ReportModel {
  const L = model.labels;
  const signoff = reportSignoffOf(input, L, model.title);
  const s = model.summary;
  const fields: KeyValue[] = [];
  for (const f of model.cover.fields) {
    if (f.label !== L.status) {
      fields.push(f);
      continue;
    }
    fields.push(signoff.released ? { ...f, value: L.statusApproved } : f);
    fields.push({ label: L.reportNumber, value: signoff.reportNumber });
    fields.push({ label: L.overallScore, value: s.provisional ? `${s.score} ${L.provisional}` : s.score });
  }
  return { ...model, cover: { ...model.cover, fields }, signoff };
}
