import type { Obj, OscalInput } from './types';
import { dateTime, dayEnd, dayStart, line, prop, putList, putText } from './values';
import { context, hasRecord, isDetermined, isGap, sections } from './context';
import {
  documentTitle,
  evidenceResource,
  finding,
  metadata,
  noItemsPlaceholder,
  observation,
  planResource,
  poamItem,
  reviewedControls,
  risk,
} from './blocks';

/**
 * An assessment as OSCAL assessment-results (SAR) and plan-of-action-and-milestones (POA&M) JSON, valid against the
 * official NIST JSON schemas. Pure and deterministic: every UUID is name-based (v5) and every array follows the
 * input's order, so the same input always gives the same JSON, byte for byte.
 *
 * Mapping (what goes where):
 * - Control ids become OSCAL tokens with `oscalControlToken` (reversible, see there); the exact catalog and control
 *   ids are also kept in props of namespace TENKEN_OSCAL_NS wherever a control is named.
 * - Every answer with something recorded gives one observation: its props hold the exact answer value, meaning,
 *   owner, due date, review mark, revision, who and when, and the evidence SHA-256s; its remarks hold the comment,
 *   justification and remediation verbatim. Answers without a value are also listed as `unanswered` props of their
 *   catalog's control selection.
 * - compliant / partial / noncompliant answers give a finding (satisfied / not-satisfied). not_applicable,
 *   not_tested, unknown and unanswered give none: OSCAL has no third state, and either state would misreport them.
 * - partial / noncompliant answers give a risk (due date as its deadline and as an on-date milestone) and, in the
 *   POA&M, a poam-item.
 * - Evidence files are back-matter resources without rlinks (Tenken has no URL for them); their SHA-256 is a prop.
 * - Free text goes into markup fields (remarks, description, statement) unchanged; props only take single-line text
 *   (a value that is not is written whitespace-collapsed, with the exact text in the prop's remarks).
 * - Dates without a time (period, due date) are calendar days in Japan time (+09:00), as in the catalog export.
 */

export { controlIdFromOscalToken, oscalControlToken } from './tokens';
export { OSCAL_RESULTS_VERSION, TENKEN_OSCAL_NS, type OscalAnswer, type OscalInput, type OscalPart } from './types';
// ---------------------------------------------------------------------------------------------------------------
// The two documents

/** OSCAL assessment-results: one result with every catalog's controls, observations, findings and risks. */
export function buildOscalAssessmentResults(input: OscalInput): Record<string, unknown> {
  const ctx = context(input);
  const { assessment: as } = input;
  const recorded = ctx.entries.filter((e) => hasRecord(ctx, e));

  const result: Obj = {
    uuid: ctx.uuid('result'),
    title: line(as.name) || documentTitle(ctx),
    description: as.scope || ctx.W.noScope,
    start: dayStart(as.periodStart) ?? dateTime(as.createdAt) ?? dateTime(input.generatedAt),
  };
  const end = dayEnd(as.periodEnd);
  if (end !== undefined) result.end = end;
  // The report snapshot(s) this document was made from (core/report/snapshot.ts), grouped by catalog id.
  const snapshotProps = (input.snapshots ?? []).flatMap((s) =>
    [prop('snapshot-id', s.id, s.catalogId), prop('snapshot-sha256', s.sha256, s.catalogId)].filter(
      (x) => x !== undefined,
    ),
  );
  if (snapshotProps.length) result.props = snapshotProps;
  result['reviewed-controls'] = reviewedControls(ctx);
  putList(
    result,
    'observations',
    recorded.map((e) => observation(ctx, e)),
  );
  putList(
    result,
    'risks',
    ctx.entries.filter((e) => isGap(e.answer)).map((e) => risk(ctx, e)),
  );
  putList(
    result,
    'findings',
    ctx.entries.filter((e) => isDetermined(e.answer)).map((e) => finding(ctx, e)),
  );
  putText(result, 'remarks', sections(ctx, [[ctx.W.assessors, as.assessors]]));

  const plan = planResource(ctx);
  const doc: Obj = {
    uuid: ctx.uuid('assessment-results'),
    metadata: metadata(ctx, documentTitle(ctx)),
    // The schema requires import-ap; Tenken has no separate plan, so it points into this document's back-matter.
    'import-ap': { href: `#${plan.uuid as string}`, remarks: ctx.W.planText },
    results: [result],
  };
  doc['back-matter'] = { resources: [plan, ...input.evidence.map((f, i) => evidenceResource(ctx, f, i))] };
  return { 'assessment-results': doc };
}

/** OSCAL plan-of-action-and-milestones: a poam-item per partial or noncompliant answer, with its finding and risk. */
export function buildOscalPoam(input: OscalInput): Record<string, unknown> {
  const ctx = context(input);
  const gaps = ctx.entries.filter((e) => isGap(e.answer));
  const shas = new Set(gaps.flatMap((e) => ctx.evidenceOf(e)));

  const doc: Obj = {
    uuid: ctx.uuid('poam'),
    metadata: metadata(ctx, documentTitle(ctx, ctx.W.poamTitle)),
    'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: ctx.uuid('system') },
    'local-definitions': {
      remarks: [ctx.W.noSsp, sections(ctx, [[ctx.W.scope, input.assessment.scope]])].filter(Boolean).join('\n\n'),
    },
  };
  putList(
    doc,
    'observations',
    gaps.map((e) => observation(ctx, e)),
  );
  putList(
    doc,
    'risks',
    gaps.map((e) => risk(ctx, e)),
  );
  putList(
    doc,
    'findings',
    gaps.map((e) => finding(ctx, e)),
  );
  doc['poam-items'] = gaps.length ? gaps.map((e) => poamItem(ctx, e)) : [noItemsPlaceholder(ctx)];
  // Same UUIDs as in the assessment results: the index is the file's place in the whole list.
  const resources = input.evidence.flatMap((f, i) => (shas.has(f.sha256) ? [evidenceResource(ctx, f, i)] : []));
  if (resources.length) doc['back-matter'] = { resources };
  return { 'plan-of-action-and-milestones': doc };
}
