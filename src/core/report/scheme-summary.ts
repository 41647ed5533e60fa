import type { AssessmentPartRecord } from '../assessment/records';
import type { ControlResult } from './control-results';
import type { DateStyle } from './dates';
import { ismapSoa, isIsmapCatalog, type IsmapSoa } from './ismap-soa';
import type { ReportLanguage } from './labels';
import { isPciCatalog, pciAttestation, type PciAttestation } from './pci-attestation';

/**
 * The scheme-shaped page of a report, when the catalog has one: PCI DSS's attestation-style summary
 * (pci-attestation.ts) or ISMAP's statement of applicability (ismap-soa.ts). Other catalogs: null (they keep the
 * executive summary only). Printed with the summary section.
 */
export type SchemeSummary = { kind: 'pci'; pci: PciAttestation } | { kind: 'ismap'; ismap: IsmapSoa };

export function schemeSummaryOf(args: {
  detail: AssessmentPartRecord;
  results: readonly ControlResult[];
  lang: ReportLanguage;
  dateStyle: DateStyle;
  generatedAt: string;
  timeZone: string;
  statusLabel: string;
  signatory?: { name: string; title: string; date: string } | null | undefined;
}): SchemeSummary | null {
  const id = args.detail.catalog.catalogId;
  if (isPciCatalog(id)) {
    // The assessment view carries the catalog's customized_approach flag; a bare record falls back to the answers.
    const offered = (args.detail as { customizedApproach?: boolean }).customizedApproach;
    return {
      kind: 'pci',
      pci: pciAttestation({
        ...args,
        customizedApproach: offered ?? args.results.some((r) => r.customizedApproach),
      }),
    };
  }
  if (isIsmapCatalog(id)) return { kind: 'ismap', ismap: ismapSoa(args.detail, args.lang) };
  return null;
}
