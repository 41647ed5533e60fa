import { en } from '../wording/en';
import { ja } from '../wording/ja';

/**
 * The fixed wording of the exported report (section titles, column headers, notes), in Japanese and English, from
 * the one wording table per language (src/core/wording). Report text is chosen apart from the UI language, so it is
 * not in the UI locale files.
 */
export type ReportLabelKey = keyof typeof ja.report;
export type ReportLabels = Record<ReportLabelKey, string>;

export type ReportLanguage = 'ja' | 'en';

export const REPORT_LABELS: Readonly<Record<ReportLanguage, ReportLabels>> = { ja: ja.report, en: en.report };

/** Replaces `{name}` placeholders; unknown placeholders stay as they are. */
export function fillLabel(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
