/**
 * When a piece of evidence no longer supports an answer: past its valid-until date (a certificate, a contract, a
 * penetration test report with a validity), or older than the assessment period, which matters in a period carried
 * forward from the last one (the file was collected for the previous period). Dates are YYYY-MM-DD (local day of
 * the user); times are ISO and compared by their date.
 */
export type EvidenceStale = { reason: 'expired'; date: string } | { reason: 'beforePeriod'; date: string };

export function evidenceStale(
  e: { validUntil: string | null; firstAddedAt: string | null },
  at: { today: string; periodStart: string | null },
): EvidenceStale | null {
  if (e.validUntil !== null) {
    if (e.validUntil < at.today) return { reason: 'expired', date: e.validUntil };
    if (at.periodStart !== null && e.validUntil < at.periodStart) return { reason: 'beforePeriod', date: e.validUntil };
    return null;
  }
  // Without a validity date only a carried file (first added for an earlier assessment) can be too old.
  const first = e.firstAddedAt?.slice(0, 10) ?? null;
  if (first !== null && at.periodStart !== null && first < at.periodStart)
    return { reason: 'beforePeriod', date: first };
  return null;
}
