import type { ReactNode } from 'react';
import type { ReportModel } from '../../../core/report/model';
import { REPORT_FONT_FAMILY } from './fonts';

/**
 * What every page of the PDF carries besides its content (issues #12.2, #15.8), in one place:
 * - the running header (organization and report title left, the report's date right) and the marking in the
 *   footer, in @page margin boxes, which the page lays out itself and so can use the web font in both languages
 *   (Chromium's header/footer templates cannot; pdf.ts keeps the template for `page / pages` only);
 * - the diagonal 「下書き／DRAFT」 watermark, a fixed element (Chromium repeats it on every printed page), light
 *   enough that the text under it stays readable; absent when the assessment is final and approved;
 * - on the cover, the report number beside the marking, and the draft note;
 * - the sign-off page: prepared / reviewed / approved with name, role and time, and a blank box to sign or seal.
 * `cssString` (html.tsx) escapes every text put into CSS.
 */

export function pageChromeCss(model: ReportModel, cssString: (s: string) => string): string {
  return `${marginBoxesCss(model.signoff.header, model.marking, cssString)}
.watermark { position: fixed; top: 105mm; left: -20mm; width: 222mm; text-align: center; transform: rotate(-32deg); font-size: 56pt; font-weight: 700; letter-spacing: 0.08em; color: rgba(164, 0, 0, 0.1); white-space: nowrap; pointer-events: none; z-index: 10; }
@media screen { .watermark { position: absolute; } }
.cover-marks { align-self: flex-end; display: flex; gap: 4mm; align-items: center; margin-bottom: 18mm; }
.cover-marks .marking { margin-bottom: 0; }
.cover-marks .report-number { font-size: 10pt; font-weight: 700; }
.cover .draft-note { border: 0.8pt solid #a40000; color: #a40000; padding: 1.5mm 3mm; margin: -12mm 0 8mm; }
table.signoff td, table.signoff tbody th { height: 16mm; vertical-align: middle; }
table.signoff td.seal { background: #fff; }
`;
}

/** The running header and the marking in the page's margin boxes; the roll-up PDF carries the same. */
export function marginBoxesCss(
  h: { text: string; date: string },
  marking: string,
  cssString: (s: string) => string,
): string {
  const font = `font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 7.5pt;`;
  return `
@page {
  @top-left { content: ${cssString(h.text)}; ${font} color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(h.date)}; ${font} color: #444; vertical-align: bottom; padding-bottom: 3mm; white-space: nowrap; }
  @bottom-left { content: ${cssString(marking)}; ${font} font-weight: 700; color: #a40000; vertical-align: top; padding-top: 3.2mm; }
}`;
}

export function Watermark({ model }: { model: ReportModel }) {
  const w = model.signoff.watermark;
  return w ? (
    <div className="watermark" aria-hidden="true">
      {w}
    </div>
  ) : null;
}

/** Top of the cover: the report number beside the marking, then the draft note while not final and approved. */
export function CoverMarks({ model }: { model: ReportModel }) {
  const L = model.labels;
  return (
    <>
      <div className="cover-marks">
        <span className="report-number">
          {L.reportNumber} {model.signoff.reportNumber}
        </span>
        <p className="marking">{model.marking}</p>
      </div>
      {model.signoff.draftNote ? <p className="draft-note">{model.signoff.draftNote}</p> : null}
    </>
  );
}

export function SignoffPage({ model, stamp }: { model: ReportModel; stamp: (text: string) => ReactNode }) {
  const L = model.labels;
  return (
    <section className="major" id="signoff">
      <h2>{L.signoff}</h2>
      <p className="note">{L.signoffNote}</p>
      <table className="signoff">
        <colgroup>
          <col style={{ width: '14%' }} />
          <col style={{ width: '24%' }} />
          <col style={{ width: '22%' }} />
          <col style={{ width: '22%' }} />
          <col style={{ width: '18%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{L.signoffStep}</th>
            <th scope="col">{L.signoffName}</th>
            <th scope="col">{L.signoffRole}</th>
            <th scope="col">{L.signoffAt}</th>
            <th scope="col">{L.signoffSeal}</th>
          </tr>
        </thead>
        <tbody>
          {model.signoff.rows.map((r) => (
            <tr key={r.step}>
              <th scope="row">{r.label}</th>
              <td>{r.name}</td>
              <td>{r.role}</td>
              <td>{r.timestamp ? stamp(r.at) : r.at}</td>
              <td className="seal" />
            </tr>
          ))}
        </tbody>
      </table>
      <table className="kv">
        <tbody>
          <tr>
            <th scope="row">{L.reportNumber}</th>
            <td>
              {model.signoff.reportNumber}
              <span className="note"> {L.reportNumberNote}</span>
            </td>
          </tr>
          <tr>
            <th scope="row">{L.status}</th>
            <td>{model.cover.fields.find((f) => f.label === L.status)?.value ?? ''}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
