import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { KeyValue, ReportModel, ReportRow } from '../../../core/report/model';
import { REPORT_FONT_FAMILY } from './fonts';
import { CoverMarks, pageChromeCss, SignoffPage, Watermark } from './page-chrome';
import { SCHEME_CSS, SchemeSection } from './sections/scheme';

/**
 * The report as one self-contained HTML page for Chromium's print to PDF. Every text comes from the model and is
 * escaped by React (`<script>` in a comment prints as text); the only raw text is the <style> element, built here from
 * constants, the generated @font-face rules and the marking, which goes through `cssString` (every character that
 * could end a CSS string or the <style> element becomes a CSS escape).
 *
 * Print layout: A4 with @page margins; h1 (cover) and h2/h3 (sections, groups) so `outline: true` builds bookmarks;
 * each major section starts on a new page; table headers repeat on every page (thead as table-header-group); cells
 * wrap anywhere so nothing overflows the page. The marking (e.g. 社外秘) is on the cover and in the @page
 * bottom-left margin box of every page, under a running header (organization, title, date) in the top margin boxes;
 * margin boxes are laid out by the page itself, so they can use the web font (Chromium's header/footer templates
 * cannot). The watermark, header, report number and sign-off page are in page-chrome.tsx.
 */

/** A CSS string literal: letters, digits, space and non-ASCII stay; everything else becomes `\hex `. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    out += /^[A-Za-z0-9 ]$/.test(ch) || (cp > 0x9f && cp !== 0x2028 && cp !== 0x2029) ? ch : `\\${cp.toString(16)} `;
  }
  return `${out}"`;
}

/** The report's print CSS (page, type, tables, chips); the roll-up PDF (rollup-html.tsx) prints with it too. */
export const BASE_CSS = `
@page { size: A4; margin: 18mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { font-family: '${REPORT_FONT_FAMILY}', sans-serif; font-size: 9pt; color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; line-height: 1.6; line-break: strict; font-kerning: normal; }
/* A long unbroken string wraps instead of widening the page; each element's text is its own bidi isolate, so a U+202E
   in one cell or name cannot reverse the text beside it. */
body { overflow-wrap: anywhere; }
span, a, li, td, th, dt, dd, strong, em, bdi { unicode-bidi: isolate; }
:lang(ja) body { text-align: start; }
/* On screen (the in-app preview) the page is shown as a sheet of A4 width with the print margins; print ignores this. */
@media screen { html { background: #e9e9e6; } body { background: #fff; width: 210mm; max-width: 100%; margin: 12px auto; padding: 18mm 14mm 16mm; box-shadow: 0 1px 4px rgba(0,0,0,0.18); } }
/*
 * Headings' line boxes are at least as tall as Noto Sans JP's ascent + descent (1.16 + 0.288 em). With less, the text
 * sticks out above the heading, and a heading at the top of a page then reaches into the previous page: Chromium
 * paints it there too (clipped away, invisible) and Skia, which titles each bookmark with the text painted for its
 * heading, printed English section titles twice in the outline ("Executive summaryExecutive summary") and pointed
 * those bookmarks at the previous page.
 */
h1, h2, h3 { font-weight: 700; line-height: 1.5; break-after: avoid-page; font-feature-settings: "palt"; }
h1 { font-size: 20pt; margin: 0 0 4mm; letter-spacing: 0.02em; }
h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1.2pt solid #1f4e79; color: #1f4e79; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; color: #1f4e79; }
p { margin: 0 0 2mm; }
.major { break-before: page; }
.note { color: #555; font-size: 8pt; }
.mono { font-variant-numeric: tabular-nums; letter-spacing: 0.01em; overflow-wrap: anywhere; word-break: break-all; }
.pre { white-space: pre-wrap; }
/* A time and its zone never break apart (「20:05 JST (+09:00)」, never 「U / TC」); only the date may sit on the line above. */
.stamp { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }

table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 4mm; font-size: 7.5pt; line-height: 1.45; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid-page; }
th, td { border: 0.5pt solid #9aa5b1; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: normal; }
th { background: #e8eef5; font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding-left: 1em; }
table.compact th, table.compact td { padding: 0.6mm 1.5mm; }
table.compact th { overflow-wrap: normal; font-size: 7pt; }

table.kv { font-size: 9pt; }
table.evidence tbody { break-inside: avoid-page; }
table.evidence tr.hash-row td { border-top: none; padding-top: 0; font-size: 7.5pt; white-space: nowrap; }
table.evidence .hash-label { color: #555; font-weight: 700; margin-right: 2mm; }
table.kv th { width: 28%; background: #f1f4f8; }

.cover { min-height: 240mm; display: flex; flex-direction: column; }
.cover .marking { align-self: flex-end; border: 1.2pt solid #a40000; color: #a40000; font-weight: 700; font-size: 12pt; padding: 1mm 4mm; margin-bottom: 18mm; }
.cover .subtitle { font-size: 13pt; font-weight: 700; margin-bottom: 8mm; }
.cover .hash { margin-top: 6mm; padding: 3mm; border: 0.8pt solid #1f4e79; background: #f5f8fb; }
.cover .hash .value { font-size: 9pt; }
.cover .textkind { margin-top: auto; padding-top: 6mm; }

.figures { display: flex; gap: 6mm; align-items: flex-start; }
.figures > div { flex: 1 1 0; min-width: 0; }
.score { font-size: 22pt; font-weight: 700; color: #1f4e79; margin: 0; }
.radar { width: 100%; max-width: 120mm; height: auto; display: block; margin: 0 auto 4mm; break-inside: avoid; }
.radar .ring { fill: none; stroke: #c9d2dc; stroke-width: 0.6; }
.radar .ring.outer { stroke: #8a99a8; }
.radar .spoke { stroke: #c9d2dc; stroke-width: 0.6; }
.radar .area { fill: rgba(31, 78, 121, 0.25); stroke: #1f4e79; stroke-width: 1.4; }
.radar .dot { fill: #1f4e79; }
.radar .label { font-size: 10px; fill: #1a1a1a; }
.radar .tick { font-size: 8px; fill: #777; }

/* Answer labels wrap inside their cell (不適合（Not in Place）, "In Place with CCW"), never into the next column. */
.chip { display: inline-block; max-width: 100%; padding: 0 1.2mm; border-radius: 1mm; white-space: normal; overflow-wrap: anywhere; }
.m-compliant { background: #dff0e0; }
.m-partial { background: #fff1c7; }
.m-noncompliant { background: #f9d7d7; }
.m-not_applicable, .m-not_tested { background: #e6e6e6; }
.m-unknown { background: #ece3f5; }
.m-none { color: #777; }
.review { color: #a40000; font-weight: 700; }
/* Severity of a finding: 高 in the marking red, 中 in amber, 低 plain; always with its word, never colour alone. */
.sev { font-weight: 700; }
.sev-high { color: #a40000; }
.sev-medium { color: #8a5a00; }
.sev-low { color: #1a1a1a; font-weight: 400; }
.overall-comment { border-left: 1.2pt solid #1f4e79; padding: 1mm 0 1mm 3mm; margin-bottom: 4mm; }
`;

/** A formatted timestamp (see formatTimestamp): the date, then the time with its zone kept on one line. */
export function Stamp({ text }: { text: string }) {
  const at = text.indexOf(' ');
  if (at < 0) return <span className="stamp">{text}</span>;
  return (
    <>
      <span className="stamp">{text.slice(0, at)}</span> <span className="stamp">{text.slice(at + 1)}</span>
    </>
  );
}

export function KvTable({ rows, mono = [] }: { rows: KeyValue[]; mono?: string[] }) {
  return (
    <table className="kv">
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{r.label}</th>
            <td className={mono.includes(r.label) ? 'mono pre' : 'pre'}>
              {r.timestamp ? <Stamp text={r.value} /> : r.value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Col = { label: string; width: string; className?: string };

function Table({ cols, children, compact = false }: { cols: Col[]; children: ReactNode; compact?: boolean }) {
  return (
    <table className={compact ? 'compact' : undefined}>
      <colgroup>
        {cols.map((c, i) => (
          <col key={i} style={{ width: c.width }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {cols.map((c, i) => (
            <th key={i} scope="col" className={c.className}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** Rough width in em at the table font: Latin letters and digits about half a full-width (Japanese) character. */
const emWidth = (text: string) => [...text].reduce((w, ch) => w + (/[ -\u024f]/.test(ch) ? 0.56 : 1), 0);

/**
 * The answer column's width in % of the page: wide enough for the catalog's longest answer label on at most three
 * lines and for its longest word on one (7.5pt text ≈ 2.65 mm/em, 5.4 mm of cell and chip padding, on 182 mm of
 * page), between 11% and 16%. PCI DSS's 代替コントロールで適合（In Place with CCW） gets about 14.5%.
 */
export function answerColumnWidth(labels: readonly string[]): number {
  const em = Math.max(
    0,
    ...labels.map((l) =>
      Math.max(emWidth(l) / 3, ...l.split(/\s+/).map((w) => (/^[ -\u024f]+$/.test(w) ? emWidth(w) : 0))),
    ),
  );
  const pct = ((em * 2.65 + 5.4 + 1) / 182) * 100;
  return Math.round(Math.min(16, Math.max(11, pct)) * 10) / 10;
}

const answerLabels = (model: ReportModel) => [...model.summary.scaleLabels, model.labels.unanswered];
const pct = (n: number) => `${Math.round(n * 10) / 10}%`;

const Chip = ({ meaning, text }: { meaning: string | null; text: string }) => (
  <span className={`chip m-${meaning ?? 'none'}`}>{text}</span>
);

function Files({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  if (names.length === 1) return <>{names[0]}</>;
  return (
    <ul>
      {names.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}

function Cover({ model }: { model: ReportModel }) {
  const L = model.labels;
  return (
    <section className="cover">
      <CoverMarks model={model} />
      <h1>{L.reportTitle}</h1>
      <p className="subtitle">{model.cover.assessmentName}</p>
      <KvTable rows={model.cover.fields} mono={[L.assessmentId]} />
      {model.cover.resultsSha256 ? (
        <div className="hash">
          <p>
            <strong>{L.resultsSha256}</strong>
          </p>
          <p className="value mono" id="results-sha256">
            {model.cover.resultsSha256}
          </p>
          <p className="note">{L.resultsNote}</p>
        </div>
      ) : null}
      <p className="textkind note">{model.cover.textKindNote}</p>
    </section>
  );
}

function Radar({ model }: { model: ReportModel }) {
  const g = model.summary.radar;
  if (!g) return null;
  return (
    <svg
      className="radar"
      viewBox={g.viewBox}
      role="img"
      aria-label={model.labels.radarTitle}
      xmlns="http://www.w3.org/2000/svg"
    >
      {g.rings.map((points, i) => (
        <polygon key={i} className={i === g.rings.length - 1 ? 'ring outer' : 'ring'} points={points} />
      ))}
      {g.spokes.map((s, i) => (
        <line key={i} className="spoke" x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} />
      ))}
      {g.ringValues.slice(0, -1).map((v, i) => (
        <text
          key={v}
          className="tick"
          x={g.center.x + 3}
          y={g.center.y - (g.radius * (i + 1)) / g.ringValues.length - 2}
        >
          {v}
        </text>
      ))}
      <polygon className="area" points={g.area} />
      {g.points.map((p, i) => (
        <circle key={i} className="dot" cx={p.x} cy={p.y} r={2} />
      ))}
      {g.labels.map((l, i) => (
        <text key={i} className="label" x={l.x} y={l.y} textAnchor={l.anchor}>
          {l.text}
        </text>
      ))}
    </svg>
  );
}

function Summary({ model }: { model: ReportModel }) {
  const L = model.labels;
  const s = model.summary;
  // Scale columns get up to 11.5% each (wide enough for "Implemented"); the group title takes the rest, at least 20%.
  const scaleWidth = Math.min(11.5, 53 / Math.max(1, s.scaleLabels.length));
  const groupWidth = 100 - 27 - scaleWidth * s.scaleLabels.length;
  return (
    <section className="major">
      <h2>{L.summary}</h2>
      <h3>{L.overallComment}</h3>
      {s.overallComment.trim() ? (
        <p className="pre overall-comment">{s.overallComment}</p>
      ) : (
        <p className="note">{L.noOverallComment}</p>
      )}
      <div className="figures">
        <div>
          <h3>{L.overallScore}</h3>
          <p className="score">{s.score}</p>
          {s.band ? (
            <p>
              <strong>{L.band}</strong>: {s.band}
            </p>
          ) : null}
          {s.provisional ? <p className="note">{L.provisional}</p> : null}
          <p className="note">{s.rule}</p>
          <h3>{L.progress}</h3>
          <p>{s.progress}</p>
        </div>
        <div>
          <h3>{L.answerCounts}</h3>
          <Table
            compact
            cols={[
              { label: L.answer, width: '70%' },
              { label: L.count, width: '30%', className: 'num' },
            ]}
          >
            {s.counts.map((c, i) => (
              <tr key={i}>
                <td>
                  <Chip meaning={c.meaning} text={c.label} />
                </td>
                <td className="num">{c.count}</td>
              </tr>
            ))}
          </Table>
        </div>
      </div>
      {s.radar ? (
        <>
          <h3>{L.radarTitle}</h3>
          <Radar model={model} />
        </>
      ) : null}
      <h3>{L.groupFigures}</h3>
      <Table
        compact
        cols={[
          { label: L.group, width: `${groupWidth}%` },
          { label: L.controls, width: '9%', className: 'num' },
          { label: L.answered, width: '9%', className: 'num' },
          ...s.scaleLabels.map((label) => ({ label, width: `${scaleWidth}%`, className: 'num' })),
          { label: L.score, width: '9%', className: 'num' },
        ]}
      >
        {s.groups.map((g) => (
          <tr key={g.controlId}>
            <td>{g.heading}</td>
            <td className="num">{g.total}</td>
            <td className="num">{g.answered}</td>
            {g.counts.map((n, i) => (
              <td key={i} className="num">
                {n}
              </td>
            ))}
            <td className="num">{g.score}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function ResultRow({ r, L }: { r: ReportRow; L: ReportModel['labels'] }) {
  return (
    <tr>
      <td className="mono">{r.controlId}</td>
      <td>{r.title}</td>
      <td>
        <Chip meaning={r.meaning} text={r.answer} />
        {r.customizedApproach ? <div className="muted">{L.customizedApproach}</div> : null}
        {r.severity && (r.meaning === 'noncompliant' || r.meaning === 'partial') ? (
          <div className={`sev sev-${r.severity}`}>
            {L.severity}: {r.severityLabel}
          </div>
        ) : null}
        {r.markedForReview ? <div className="review">{L.markedForReview}</div> : null}
      </td>
      <td className="pre">{r.comment}</td>
      <td className="pre">{r.justification}</td>
      <td>
        <Files names={r.evidence} />
      </td>
    </tr>
  );
}

function Results({ model }: { model: ReportModel }) {
  const L = model.labels;
  // Comment and justification share what is left equally: for N/A and CCW answers the justification is what an
  // auditor reads.
  const answer = answerColumnWidth(answerLabels(model));
  const rest = (100 - 8 - 21 - 14 - answer) / 2;
  const cols: Col[] = [
    { label: L.controlId, width: '8%' },
    { label: L.controlTitle, width: '21%' },
    { label: L.answer, width: pct(answer) },
    { label: L.comment, width: pct(rest) },
    { label: L.justification, width: pct(rest) },
    { label: L.evidenceFiles, width: '14%' },
  ];
  return (
    <section className="major">
      <h2>{L.results}</h2>
      {model.groups.length === 0 ? <p>{L.noControls}</p> : null}
      {model.groups.map((g) => (
        <div key={g.controlId} className="group">
          <h3>{g.heading}</h3>
          <Table cols={cols}>
            {g.rows.map((r) => (
              <ResultRow key={r.controlId} r={r} L={L} />
            ))}
          </Table>
        </div>
      ))}
    </section>
  );
}

function Findings({ model }: { model: ReportModel }) {
  const L = model.labels;
  const answer = answerColumnWidth(answerLabels(model));
  // Severity wide enough for “Severity” and “Medium” on one line.
  const rest = (100 - 9 - 10 - 8 - 16 - 9 - answer) / 2;
  return (
    <section className="major">
      <h2>{L.findings}</h2>
      <p className="note">{model.findingsNote}</p>
      {model.findings.length === 0 ? (
        <p>{L.noFindings}</p>
      ) : (
        <Table
          cols={[
            { label: L.severity, width: '9%' },
            { label: L.dueDate, width: '10%' },
            { label: L.controlId, width: '8%' },
            { label: L.controlTitle, width: '16%' },
            { label: L.answer, width: pct(answer) },
            { label: L.owner, width: '9%' },
            { label: L.remediation, width: pct(rest) },
            { label: L.comment, width: pct(rest) },
          ]}
        >
          {model.findings.map((f) => (
            <tr key={f.controlId}>
              <td className={f.severity ? `sev sev-${f.severity}` : 'm-none'}>{f.severityLabel || L.notSet}</td>
              <td className="mono">{f.dueDate ?? L.notSet}</td>
              <td className="mono">{f.controlId}</td>
              <td>{f.title}</td>
              <td>
                <Chip meaning={f.meaning} text={f.answer} />
              </td>
              <td className="pre">{f.owner || L.notSet}</td>
              <td className="pre">{f.remediation || L.notSet}</td>
              <td className="pre">{f.comment}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function Exclusions({ model }: { model: ReportModel }) {
  const L = model.labels;
  // The justification is what this section is for: it gets at least half of the width.
  const answer = answerColumnWidth(answerLabels(model));
  return (
    <section className="major">
      <h2>{L.exclusions}</h2>
      <p className="note">{model.exclusionsNote}</p>
      {model.exclusions.length === 0 ? (
        <p>{L.noExclusions}</p>
      ) : (
        <Table
          cols={[
            { label: L.controlId, width: '8%' },
            { label: L.controlTitle, width: '26%' },
            { label: L.answer, width: pct(answer) },
            { label: L.justification, width: pct(100 - 8 - 26 - answer) },
          ]}
        >
          {model.exclusions.map((x) => (
            <tr key={x.controlId}>
              <td className="mono">{x.controlId}</td>
              <td>{x.title}</td>
              <td>
                <Chip meaning="not_applicable" text={x.answer} />
              </td>
              <td className={x.missing ? 'pre review' : 'pre'}>{x.justification}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function Evidence({ model }: { model: ReportModel }) {
  const L = model.labels;
  // The 64-digit hash gets a full-width row under its file, so it stays on one line (copyable, comparable).
  return (
    <section className="major">
      <h2>{L.evidence}</h2>
      <p className="note">{L.evidenceNote}</p>
      {model.evidence.length === 0 ? (
        <p>{L.noEvidence}</p>
      ) : (
        <table className="evidence">
          <colgroup>
            <col style={{ width: '34%' }} />
            <col style={{ width: '11%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '18%' }} />
            <col style={{ width: '22%' }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{L.fileName}</th>
              <th scope="col" className="num">
                {L.size}
              </th>
              <th scope="col">{L.addedBy}</th>
              <th scope="col">{L.addedAt}</th>
              <th scope="col">{L.linkedControls}</th>
            </tr>
          </thead>
          {model.evidence.map((e, i) => (
            <tbody key={i}>
              <tr>
                <td>{e.fileName}</td>
                <td className="num">{e.sizeText}</td>
                <td>{e.addedBy}</td>
                <td className="mono">
                  <Stamp text={e.addedAt} />
                </td>
                <td className="mono">{e.controlIds.join(', ')}</td>
              </tr>
              <tr className="hash-row">
                <td colSpan={5}>
                  <span className="hash-label">{L.sha256}</span> <span className="mono">{e.sha256}</span>
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}

function AuditAndSource({ model }: { model: ReportModel }) {
  const L = model.labels;
  return (
    <section className="major">
      {model.sections.includes('audit') ? (
        <>
          <h2>{L.audit}</h2>
          <p className="note">{L.auditNote}</p>
          <KvTable rows={model.audit.fields} mono={[L.auditHead]} />
        </>
      ) : null}
      <h2>{L.source}</h2>
      <KvTable rows={model.source.fields} />
      {model.source.unverified.length ? (
        <>
          <h3>{L.unverifiedNote}</h3>
          <ul className="note">
            {model.source.unverified.map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ReportDocument({ model, fontCss }: { model: ReportModel; fontCss: string }) {
  const css = `${fontCss}\n${BASE_CSS}\n${SCHEME_CSS}\n${pageChromeCss(model, cssString)}`;
  return (
    <html lang={model.lang}>
      <head>
        <meta charSet="utf-8" />
        <title>{model.title}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <Watermark model={model} />
        <Cover model={model} />
        <SignoffPage model={model} stamp={(text) => <Stamp text={text} />} />
        <SchemeSection model={model} />
        {model.sections.includes('summary') ? <Summary model={model} /> : null}
        {model.sections.includes('results') ? <Results model={model} /> : null}
        {model.sections.includes('findings') ? <Findings model={model} /> : null}
        {model.sections.includes('exclusions') ? <Exclusions model={model} /> : null}
        {model.sections.includes('evidence') ? <Evidence model={model} /> : null}
        <AuditAndSource model={model} />
      </body>
    </html>
  );
}

/** The whole document; `fontCss` is trusted CSS (from reportFontCss), everything else is escaped. */
export function renderReportHtml(model: ReportModel, opts: { fontCss: string }): string {
  if (/<\/style/i.test(opts.fontCss)) throw new Error('fontCss must not close the style element');
  return `<!DOCTYPE html>${renderToStaticMarkup(<ReportDocument model={model} fontCss={opts.fontCss} />)}`;
}
