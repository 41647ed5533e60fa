import { renderToStaticMarkup } from 'react-dom/server';
import type { MatrixTable, RollupReportModel } from '../../../core/report/rollup-report';
import { ROLLUP_WORDING } from '../../../core/wording/rollup';
import { BASE_CSS, cssString, KvTable } from './html';
import { marginBoxesCss } from './page-chrome';
import { reportFontCss } from './fonts';

/**
 * The roll-up PDF's page: the report's print CSS, running header and marking (html.tsx, page-chrome.tsx), a cover
 * naming the assessments compared with their history heads, the score tables (one column per assessment, split
 * into tables of a few columns each), pooled per organization, and the controls weak everywhere. Every text comes
 * from the model (core/report/rollup-report.ts) and is escaped by React.
 */

/*
 * Tables at 7.6pt, not the report's 7.5pt: printed with the running header's Japanese text at 7.5pt in the same
 * face, Chromium 156 left the regular-weight text of these tables unpainted (pdftotext found nothing; bold headers
 * and a 9pt table printed). Bisected on this page; the test reads a status word from a table cell back.
 */
const ROLLUP_CSS = `
table { font-size: 7.6pt; }
table.members td.head { font-size: 6.5pt; }
table.matrix td.num { white-space: nowrap; }
table.matrix tr.strong td, table.matrix tr.strong th { font-weight: 700; }
table.matrix thead th { font-size: 7pt; }
table.matrix thead th span { display: block; }
.bar { display: block; height: 1.2mm; background: #e1e6ec; margin-top: 0.6mm; }
.bar > span { display: block; height: 100%; background: #1f4e79; }
`;

/** `titled`: the table is one of several (its heading names which assessments it holds). */
function Matrix({ table, titled }: { table: MatrixTable; titled: boolean }) {
  // The label column keeps about a third of the page; the assessments share the rest equally.
  const labelWidth = 34;
  const colWidth = (100 - labelWidth) / Math.max(1, table.columns.length);
  return (
    <>
      {titled ? <h3>{table.heading}</h3> : null}
      <table className="matrix compact">
        <colgroup>
          <col style={{ width: `${labelWidth}%` }} />
          {table.columns.map((_, i) => (
            <col key={i} style={{ width: `${colWidth}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" />
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c.lines.map((l, j) => (
                  <span key={j}>{l}</span>
                ))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className={r.strong ? 'strong' : undefined}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, j) => {
                const ratio = r.ratios[j];
                return (
                  <td key={j} className="num">
                    {c}
                    {ratio === null || ratio === undefined ? null : (
                      <span className="bar" aria-hidden="true">
                        <span style={{ width: `${Math.max(0, Math.min(100, ratio))}%` }} />
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RollupDocument({ model, fontCss }: { model: RollupReportModel; fontCss: string }) {
  const css = `${fontCss}\n${BASE_CSS}\n${ROLLUP_CSS}\n${marginBoxesCss(model.header, model.marking, cssString)}`;
  const M = model.members;
  const K = model.weak;
  const W = ROLLUP_WORDING[model.lang];
  return (
    <html lang={model.lang}>
      <head>
        <meta charSet="utf-8" />
        <title>{model.title}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <section className="cover">
          <p className="marking">{model.marking}</p>
          <h1>{model.cover.title}</h1>
          <p className="subtitle">{model.cover.subtitle}</p>
          <KvTable rows={model.cover.fields} mono={[W.workspaceHead]} />
          <p className="textkind note">{model.cover.note}</p>
        </section>
        <section className="major">
          <h2>{M.heading}</h2>
          <p className="note">{M.note}</p>
          <table className="members compact">
            <colgroup>
              <col style={{ width: '4%' }} />
              <col style={{ width: '15%' }} />
              <col style={{ width: '17%' }} />
              <col style={{ width: '16%' }} />
              <col style={{ width: '9%' }} />
              <col style={{ width: '11%' }} />
              <col style={{ width: '28%' }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {M.labels.no}
                </th>
                <th scope="col">{M.labels.organization}</th>
                <th scope="col">{M.labels.name}</th>
                <th scope="col">{M.labels.period}</th>
                <th scope="col">{M.labels.status}</th>
                <th scope="col">{M.labels.version}</th>
                <th scope="col">{M.labels.head}</th>
              </tr>
            </thead>
            <tbody>
              {M.rows.map((r) => (
                <tr key={r.no}>
                  <td className="num">{r.no}</td>
                  <td>{r.organization}</td>
                  <td>{r.name}</td>
                  <td>{r.period}</td>
                  <td>{r.status}</td>
                  <td className="mono">{r.version}</td>
                  <td className="mono head">{r.head}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="major">
          <h2>{W.scoresHeading}</h2>
          {model.scores.map((t, i) => (
            <Matrix key={i} table={t} titled={model.scores.length > 1} />
          ))}
          <h2>{W.organizationsHeading}</h2>
          {model.organizations.map((t, i) => (
            <Matrix key={i} table={t} titled={false} />
          ))}
          <p className="note">{model.scoreRule}</p>
        </section>
        <section className="major">
          <h2>{K.heading}</h2>
          <p className="note">{K.rule}</p>
          {K.rows.length === 0 ? (
            <p>{K.empty}</p>
          ) : (
            <table className="compact">
              <colgroup>
                <col style={{ width: '14%' }} />
                <col style={{ width: '50%' }} />
                <col style={{ width: '12%' }} />
                <col style={{ width: '12%' }} />
                <col style={{ width: '12%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{K.labels.controlId}</th>
                  <th scope="col">{K.labels.title}</th>
                  <th scope="col" className="num">
                    {K.labels.weakIn}
                  </th>
                  <th scope="col" className="num">
                    {K.labels.answeredIn}
                  </th>
                  <th scope="col" className="num">
                    {K.labels.inScope}
                  </th>
                </tr>
              </thead>
              <tbody>
                {K.rows.map((r) => (
                  <tr key={r.controlId}>
                    <td className="mono">{r.controlId}</td>
                    <td>{r.title}</td>
                    <td className="num">{r.weak}</td>
                    <td className="num">{r.answered}</td>
                    <td className="num">{r.inScope}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </body>
    </html>
  );
}

function renderOnce(model: RollupReportModel, fontCss: string): string {
  if (/<\/style/i.test(fontCss)) throw new Error('fontCss must not close the style element');
  return `<!DOCTYPE html>${renderToStaticMarkup(<RollupDocument model={model} fontCss={fontCss} />)}`;
}

/** Rendered once to learn which characters it uses, then with just the font chunks they need (as reportHtml). */
export function rollupReportHtml(model: RollupReportModel): string {
  return renderOnce(model, reportFontCss({ text: renderOnce(model, '') }));
}
