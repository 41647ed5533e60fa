import type { IsmapSoa } from '../../../../core/report/ismap-soa';
import type { ReportModel } from '../../../../core/report/model';
import type { PciAttestation } from '../../../../core/report/pci-attestation';
import { fillLabel } from '../../../../core/report/labels';

/**
 * The scheme-shaped pages of the PDF (see core/report/scheme-summary.ts): PCI DSS's attestation-style summary and
 * ISMAP's statement of applicability. Plain tables in the report's own styles; every text from the model.
 */

export const SCHEME_CSS = `
.scheme .verdict { font-size: 12pt; font-weight: 700; color: #1f4e79; margin: 2mm 0 4mm; }
.scheme .r-notInPlace, .scheme .r-open { color: #a40000; font-weight: 700; }
.scheme .r-outOfScope { color: #777; }
.scheme .ids { font-size: 7pt; }
.scheme .excluded td { background: #f3f3f3; }
.scheme .sign { margin-top: 6mm; break-inside: avoid; }
.scheme .sign table td { height: 11mm; vertical-align: bottom; }
.scheme .sign table th { width: 20%; }
.scheme .worksheet { break-inside: avoid-page; margin-bottom: 4mm; }
.scheme .worksheet table.kv th { width: 30%; }
`;

function PciSummary({ pci }: { pci: PciAttestation }) {
  const W = pci.wording;
  const num = (n: number) => <td className="num">{n}</td>;
  const items = (list: PciAttestation['compensating'], empty: string) =>
    list.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <table>
        <colgroup>
          <col style={{ width: '10%' }} />
          <col style={{ width: '30%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '42%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{W.controlId}</th>
            <th scope="col">{W.controlTitle}</th>
            <th scope="col">{W.answer}</th>
            <th scope="col">{W.justification}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((x) => (
            <tr key={x.controlId}>
              <td className="mono">{x.controlId}</td>
              <td>{x.title}</td>
              <td>{x.answer}</td>
              <td className={x.missing ? 'pre review' : 'pre'}>{x.justification}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <section className="major scheme" id="pci-summary">
      <h2>{W.title}</h2>
      <p className="note">{W.intro}</p>
      <table className="kv">
        <tbody>
          {pci.fields.map((f, i) => (
            <tr key={i}>
              <th scope="row">{f.label}</th>
              <td className="pre">{f.value}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{W.overall}</th>
            <td className={`r-${pci.overall}`}>
              <strong>{pci.overallLabel}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <h3>{W.byRequirement}</h3>
      <table className="compact">
        <colgroup>
          <col style={{ width: '34%' }} />
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <col key={i} style={{ width: '8%' }} />
          ))}
          <col style={{ width: '18%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{W.requirement}</th>
            <th scope="col" className="num">
              {W.inPlace}
            </th>
            <th scope="col" className="num">
              {W.ccw}
            </th>
            <th scope="col" className="num">
              {W.notInPlace}
            </th>
            <th scope="col" className="num">
              {W.notApplicable}
            </th>
            <th scope="col" className="num">
              {W.notTested}
            </th>
            <th scope="col" className="num">
              {W.unanswered}
            </th>
            <th scope="col">{W.result}</th>
          </tr>
        </thead>
        <tbody>
          {pci.requirements.map((r) => (
            <tr key={r.controlId}>
              <td>
                {/* 「要件1：…」 / "Requirement 1: …" already name the number; other titles get the ID in front. */}
                {new RegExp(`(要件|Requirement|Appendix|付録)\\s*${r.controlId}(?![0-9.])`).test(r.title) ? null : (
                  <span className="mono">{r.controlId} </span>
                )}
                {r.title}
              </td>
              {num(r.inPlace)}
              {num(r.ccw)}
              {num(r.notInPlace)}
              {num(r.notApplicable)}
              {num(r.notTested)}
              {num(r.unanswered)}
              <td className={`r-${r.result}`}>{r.resultLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{W.rule}</p>
      <h3>{W.compensating}</h3>
      {items(pci.compensating, W.noCompensating)}
      <h3>{W.customized}</h3>
      {pci.customized === null ? <p>{W.customizedNotOffered}</p> : items(pci.customized, W.noCustomized)}
      <div className="sign">
        <h3>{W.signatory}</h3>
        <p className="note">{W.signatoryNote}</p>
        <table className="kv">
          <tbody>
            <tr>
              <th scope="row">{W.signName}</th>
              <td>{pci.signatory?.name ?? ''}</td>
            </tr>
            <tr>
              <th scope="row">{W.signTitle}</th>
              <td>{pci.signatory?.title ?? ''}</td>
            </tr>
            <tr>
              <th scope="row">{W.signDate}</th>
              <td>{pci.signatory?.date ?? ''}</td>
            </tr>
            <tr>
              <th scope="row">{W.signature}</th>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function IsmapStatement({ soa }: { soa: IsmapSoa }) {
  const W = soa.wording;
  const detailedCell = (o: IsmapSoa['objectives'][number]) => {
    const d = o.detailed;
    if (!d) return W.detailedNone;
    if (d.withObjective) return W.excludedWithObjective;
    return (
      <>
        <span className="mono ids">{d.chosen.length ? d.chosen.join(', ') : W.detailedNone}</span>
        {d.notChosen.length ? (
          <div className="note">{fillLabel(W.notChosen, { ids: d.notChosen.join(', ') })}</div>
        ) : null}
        {d.unanswered.length ? (
          <div className="note">{fillLabel(W.undecided, { ids: d.unanswered.join(', ') })}</div>
        ) : null}
      </>
    );
  };
  return (
    <section className="major scheme" id="ismap-soa">
      <h2>{W.title}</h2>
      <p className="note">{W.intro}</p>
      <p className="verdict">{soa.totals}</p>
      <p className="note">{W.mandatoryNote}</p>
      {soa.hasDetailed ? null : <p className="note">{W.detailedNotInCatalog}</p>}
      <table>
        <colgroup>
          <col style={{ width: '10%' }} />
          <col style={{ width: soa.hasDetailed ? '24%' : '32%' }} />
          <col style={{ width: soa.hasDetailed ? '14%' : '16%' }} />
          <col style={{ width: soa.hasDetailed ? '26%' : '42%' }} />
          {soa.hasDetailed ? <col style={{ width: '26%' }} /> : null}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{W.objective}</th>
            <th scope="col">{W.title2}</th>
            <th scope="col">{W.decision}</th>
            <th scope="col">{W.reason}</th>
            {soa.hasDetailed ? <th scope="col">{W.detailed}</th> : null}
          </tr>
        </thead>
        <tbody>
          {soa.objectives.map((o) => (
            <tr key={o.controlId} className={o.excluded ? 'excluded' : undefined}>
              <td className="mono">{o.controlId}</td>
              <td>{o.title}</td>
              <td>
                <strong>{o.decision}</strong>
                {o.excluded ? null : <div className="note">{o.answer}</div>}
              </td>
              <td className={o.missingReason ? 'pre review' : 'pre'}>{o.reason}</td>
              {soa.hasDetailed ? <td>{detailedCell(o)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The compensating-control worksheets (after the PCI summary, when any item is met with a CCW): one block per item, its answer and reason, then the six
 * fields in a key–value table (an empty field says so, in the review colour, so a gap is seen, not hidden).
 */
function PciWorksheets({ pci }: { pci: PciAttestation }) {
  const W = pci.wording;
  // No CCW item: the summary's list already says so; no page of its own.
  if (pci.worksheets.length === 0) return null;
  return (
    <section className="major scheme" id="pci-ccw">
      <h2>{W.worksheets}</h2>
      <p className="note">{W.worksheetsIntro}</p>
      {pci.worksheets.map((w) => (
        <div key={w.controlId} className="worksheet">
          <h3>
            <span className="mono">{w.controlId}</span> {w.title}
          </h3>
          <table className="kv">
            <tbody>
              <tr>
                <th scope="row">{W.answer}</th>
                <td>{w.answer}</td>
              </tr>
              <tr>
                <th scope="row">{W.justification}</th>
                <td className={w.missing ? 'pre review' : 'pre'}>{w.justification}</td>
              </tr>
              {w.fields.map((f) => (
                <tr key={f.label}>
                  <th scope="row">{f.label}</th>
                  <td className={f.empty ? 'pre review' : 'pre'}>{f.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The scheme page of this report's catalog, printed with the summary section; nothing for other catalogs. */
export function SchemeSection({ model }: { model: ReportModel }) {
  if (!model.scheme || !model.sections.includes('summary')) return null;
  return model.scheme.kind === 'pci' ? (
    <>
      <PciSummary pci={model.scheme.pci} />
      <PciWorksheets pci={model.scheme.pci} />
    </>
  ) : (
    <IsmapStatement soa={model.scheme.ismap} />
  );
}
