import type { PartialLocalized } from '../../core/assessment/records';
import { ANSWER_WORKBOOK_WORDS } from '../../core/wording/answer-workbook';
import type { AssessmentDetail } from '../../shared/api/types';
import { getAssessmentCatalogDetails } from '../assessments/assessments';
import { isoNow, type ServiceContext } from '../context';
import { reportFontCss, REPORT_FONT_FAMILY } from './render/fonts';
import { renderPdf, resolveChromium } from './render/pdf';
import type { HtmlPrinter } from './render/printer';

/**
 * The printable blank questionnaire (per assessment, every catalog): for interviews and for departments that
 * answer on paper. Each assessable control in scope with its description and guidance (in the language asked
 * for, falling back to the other where the catalog has only one), an empty box per answer of the catalog's scale
 * (※ where the answer needs a justification) and ruled lines for comment and evidence. Printed through the report's
 * PDF pipeline (render/pdf.ts: the same printer, fonts, margins and footer), with its own template here.
 */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const textOf = (t: PartialLocalized | null | undefined, lang: 'ja' | 'en') =>
  (t ? (t[lang] ?? t[lang === 'ja' ? 'en' : 'ja']) : undefined)?.trim() ?? '';
const para = (s: string) =>
  s
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

const CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
body { font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 9.5pt; color: #111; line-height: 1.5; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5px solid #1f4e79; break-after: avoid; }
.meta { border-collapse: collapse; margin-bottom: 4mm; }
.meta th { text-align: left; padding: 1mm 4mm 1mm 0; font-weight: 700; white-space: nowrap; }
.meta td { padding: 1mm 0; }
.fill { display: inline-block; min-width: 60mm; border-bottom: 1px solid #444; height: 5mm; }
.intro { margin: 3mm 0 5mm; padding: 2.5mm 3mm; background: #f2f5f9; border-left: 3px solid #1f4e79; }
.control { break-inside: avoid; border: 1px solid #bbb; border-radius: 1.5mm; padding: 3mm 3.5mm; margin: 0 0 3.5mm; }
.control h3 { font-size: 10.5pt; margin: 0 0 1.5mm; }
.control h3 .id { font-family: monospace; font-size: 10pt; margin-right: 2mm; color: #1f4e79; }
.label { font-weight: 700; font-size: 8.5pt; color: #333; margin: 1.5mm 0 0.5mm; }
.control p { margin: 0 0 1mm; }
.choices { display: flex; flex-wrap: wrap; gap: 2mm 6mm; margin: 2.5mm 0 1.5mm; }
.choice { white-space: nowrap; }
.box { display: inline-block; width: 3.8mm; height: 3.8mm; border: 1.2px solid #222; vertical-align: -0.7mm; margin-right: 1.5mm; }
.lines div { border-bottom: 1px solid #999; height: 7mm; }
.mark { font-size: 8pt; color: #555; }
`;

export function questionnaireHtml(details: readonly AssessmentDetail[], lang: 'ja' | 'en', fontCss: string): string {
  const W = ANSWER_WORKBOOK_WORDS[lang];
  const first = details[0];
  const parts: string[] = [];
  parts.push(`<h1>${esc(W.questionnaireTitle)}</h1>`);
  parts.push('<table class="meta">');
  const row = (k: string, v: string) => parts.push(`<tr><th>${esc(k)}</th><td>${v}</td></tr>`);
  if (first) row(W.assessment, esc(first.name));
  if (first?.organization) row(W.organization, esc(first.organization.name));
  row(W.respondent, '<span class="fill"></span>');
  row(W.date, '<span class="fill"></span>');
  parts.push('</table>');
  parts.push(`<div class="intro">${esc(W.questionnaireIntro)}</div>`);
  for (const d of details) {
    const controls = d.controls.filter((c) => c.assessable && c.applicable);
    parts.push(
      `<h2>${esc(d.catalog.title[lang] || d.catalog.title.ja)} ${esc(d.catalog.version)} <span class="mark">(${esc(W.controlsCount)}: ${controls.length})</span></h2>`,
    );
    const choices = d.answerScale
      .map(
        (s) =>
          `<span class="choice"><span class="box"></span>${esc(s.label[lang])}${s.justification === 'required' ? ' ※' : ''}</span>`,
      )
      .join('');
    const needs = d.answerScale.some((s) => s.justification === 'required');
    for (const c of controls) {
      const description = textOf(c.description, lang);
      const guidance = textOf(c.guidance, lang);
      parts.push('<section class="control">');
      parts.push(`<h3><span class="id">${esc(c.controlId)}</span>${esc(textOf(c.title, lang))}</h3>`);
      if (description) parts.push(`<div class="label">${esc(W.description)}</div>${para(description)}`);
      if (guidance) parts.push(`<div class="label">${esc(W.guidance)}</div>${para(guidance)}`);
      parts.push(`<div class="choices">${choices}</div>`);
      if (needs) parts.push(`<div class="mark">${esc(W.requiredMark)}</div>`);
      parts.push(
        `<div class="label">${esc(W.commentLines)}</div><div class="lines"><div></div><div></div><div></div></div>`,
      );
      parts.push('</section>');
    }
  }
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(W.questionnaireTitle)}</title><style>${fontCss}${CSS}</style></head><body>${parts.join('')}</body></html>`;
}

/** The blank questionnaire as PDF bytes (the desktop app prints with Electron, other shells with a system Chromium). */
export async function buildQuestionnaire(
  ctx: ServiceContext,
  input: {
    assessmentId: string;
    lang: 'ja' | 'en';
    printer?: HtmlPrinter | undefined;
    chromiumPath?: string | undefined;
  },
): Promise<{ fileName: string; mediaType: string; content: string }> {
  const details = getAssessmentCatalogDetails(ctx, input.assessmentId);
  const W = ANSWER_WORKBOOK_WORDS[input.lang];
  const body = questionnaireHtml(details, input.lang, '');
  const html = questionnaireHtml(details, input.lang, reportFontCss({ text: body }));
  const printer = input.printer ?? ctx.platform?.printPdf;
  const at = isoNow(ctx);
  const pdf = await renderPdf(html, {
    printer,
    chromiumPath: printer ? undefined : resolveChromium(input.chromiumPath),
    headerMarking: '',
    lang: input.lang,
    metadata: {
      title: `${W.questionnaireTitle} — ${details[0]?.name ?? ''}`,
      author: details[0]?.organization?.name ?? 'Tenken',
      subject: details.map((d) => `${d.catalog.catalogId}@${d.catalog.version}`).join(', '),
      keywords: ['Tenken', 'questionnaire', `assessment=${input.assessmentId}`],
      creator: `Tenken ${ctx.appVersion}`,
      producer: `Tenken ${ctx.appVersion} (Chromium print, pdf-lib)`,
      creationDate: new Date(at),
    },
  });
  return {
    fileName: `tenken-questionnaire-${input.assessmentId.slice(0, 8)}-${input.lang}.pdf`,
    mediaType: 'application/pdf',
    content: pdf.toString('base64'),
  };
}
