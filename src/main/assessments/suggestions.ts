import type { AnswerValue } from '../../core/catalog/format';
import type { MappingRelation } from '../../core/catalog/mapping-format';
import { AppError } from '../../shared/api/errors';
import type { SuggestionView } from '../../shared/api/types';
import { controlKey } from '../../core/assessment/control-key';
import { catalogsOf, resolveControl } from './assessment-catalogs';
import { assertEditable } from './assessments';
import { appendAudit } from '../audit/audit-log';
import { catalogMeta } from '../catalogs/catalogs';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';

type LinkRow = {
  our_control: string;
  their_catalog: string;
  their_version: string;
  their_control: string;
  relation: MappingRelation;
  rationale_ja: string;
  rationale_en: string;
  reversed: number;
  mapping_id: string;
  provenance: SuggestionView['provenance'];
};
type TheirAnswer = {
  assessment_id: string;
  assessment_name: string;
  catalog_row: number;
  catalog_id: string;
  version: string;
  control_id: string;
  title_ja: string;
  title_en: string;
  value: string;
  updated_at: string;
  position: number;
};

const INVERSE: Record<MappingRelation, MappingRelation> = {
  equal: 'equal',
  subset: 'superset',
  superset: 'subset',
  intersect: 'intersect',
};

/**
 * The value to propose for our control, from the meaning of the answer on the other side and how much of our
 * control the other covers: equal or superset carries the result over; subset or intersect can at most show
 * partial coverage (CISO Assistant's rule); N/A and unknown propose nothing.
 */
export function proposedMeaning(
  theirs: AnswerValue['meaning'],
  relation: MappingRelation,
): AnswerValue['meaning'] | null {
  if (theirs === 'not_applicable' || theirs === 'unknown' || theirs === 'not_tested') return null;
  const full = relation === 'equal' || relation === 'superset';
  if (theirs === 'compliant') return full ? 'compliant' : 'partial';
  if (theirs === 'partial') return 'partial';
  return full ? 'noncompliant' : null;
}

/**
 * Suggestions for an assessment: controls of any of its catalogs linked by a mapping to a control answered in
 * another catalog of the same organization (another assessment, or another catalog of this one). Nothing is
 * applied; the user accepts or ignores each one, and an ignored suggestion stays ignored.
 */
export function listSuggestions(ctx: ServiceContext, assessmentId: string): SuggestionView[] {
  const a = ctx.db.prepare('SELECT id, organization_id FROM assessments WHERE id = ?').get(assessmentId) as
    { id: string; organization_id: string | null } | undefined;
  if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  if (!a.organization_id) return [];
  const dismissed = new Set(
    (
      ctx.db
        .prepare(
          'SELECT control_key, source_assessment_id, source_key FROM suggestion_dismissals WHERE assessment_id = ?',
        )
        .all(a.id) as { control_key: string; source_assessment_id: string; source_key: string }[]
    ).map((d) => `${d.control_key}\u0000${d.source_assessment_id}\u0000${d.source_key}`),
  );
  // Links in both directions; a link read backwards has the inverse relation (our control ⊂ theirs ⇔ theirs ⊃ ours).
  const linksOf = ctx.db.prepare(`
      SELECT l.target_control_id AS our_control, s.source_catalog_id AS their_catalog, s.source_version AS their_version, l.source_control_id AS their_control,
             l.relation, l.rationale_ja, l.rationale_en, 0 AS reversed, s.mapping_id, json_extract(s.document, '$.provenance') AS provenance
        FROM mapping_links l JOIN mapping_sets s ON s.id = l.set_row WHERE s.target_catalog_id = ? AND s.target_version = ?
      UNION ALL
      SELECT l.source_control_id, s.target_catalog_id, s.target_version, l.target_control_id, l.relation, l.rationale_ja, l.rationale_en, 1, s.mapping_id, json_extract(s.document, '$.provenance')
        FROM mapping_links l JOIN mapping_sets s ON s.id = l.set_row WHERE s.source_catalog_id = ? AND s.source_version = ?`);
  // Answers to the linked control wherever its catalog is part of an assessment of the same organization.
  const theirAnswers = ctx.db
    .prepare(`SELECT o.id AS assessment_id, o.name AS assessment_name, c.id AS catalog_row, c.catalog_id, c.version, k.control_id, k.title_ja, k.title_en, x.value, x.updated_at, p.position
      FROM assessments o JOIN assessment_catalogs p ON p.assessment_id = o.id JOIN catalogs c ON c.id = p.catalog_row
        JOIN controls k ON k.catalog_row = c.id JOIN answers x ON x.assessment_id = o.id AND x.control_row = k.id
      WHERE o.organization_id = ? AND x.value IS NOT NULL AND c.catalog_id = ? AND c.version = ? AND k.control_id = ?
      ORDER BY x.updated_at DESC`);
  const scales = new Map<number, AnswerValue[]>();
  const scaleOf = (row: number) => {
    if (!scales.has(row)) scales.set(row, catalogMeta(ctx, row).answer_scale);
    return scales.get(row) as AnswerValue[];
  };
  const out: SuggestionView[] = [];
  for (const own of catalogsOf(ctx, a.id)) {
    const ourScale = scaleOf(own.catalogRow);
    for (const l of linksOf.all(own.catalogId, own.version, own.catalogId, own.version) as LinkRow[]) {
      const relation = l.reversed ? INVERSE[l.relation] : l.relation;
      const ourKey = controlKey(own.position, own.catalogId, l.our_control);
      for (const t of theirAnswers.all(
        a.organization_id,
        l.their_catalog,
        l.their_version,
        l.their_control,
      ) as TheirAnswer[]) {
        const theirKey = controlKey(t.position, t.catalog_id, t.control_id);
        if (dismissed.has(`${ourKey}\u0000${t.assessment_id}\u0000${theirKey}`)) continue;
        const theirValue = scaleOf(t.catalog_row).find((s) => s.value === t.value);
        if (!theirValue) continue;
        const meaning = proposedMeaning(theirValue.meaning, relation);
        const proposed = meaning ? ourScale.find((s) => s.meaning === meaning) : undefined;
        out.push({
          controlKey: ourKey,
          relation,
          rationale: { ja: l.rationale_ja, en: l.rationale_en },
          mappingId: l.mapping_id,
          provenance: l.provenance,
          source: {
            assessmentId: t.assessment_id,
            assessmentName: t.assessment_name,
            catalogId: t.catalog_id,
            version: t.version,
            controlId: t.control_id,
            controlKey: theirKey,
            title: { ja: t.title_ja, en: t.title_en },
            value: t.value,
            valueLabel: theirValue.label,
            answeredAt: t.updated_at,
          },
          proposedValue: proposed?.value ?? null,
        });
      }
    }
  }
  return out;
}

/** Ignores one suggestion for good (recorded): the same source answer will not be offered for that control again. */
export function dismissSuggestion(
  ctx: ServiceContext,
  input: { assessmentId: string; controlKey: string; sourceAssessmentId: string; sourceControlKey: string },
): { dismissed: boolean } {
  assertEditable(ctx, input.assessmentId);
  const ours = resolveControl(ctx, input.assessmentId, input.controlKey);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  let dismissed = false;
  ctx.db
    .transaction(() => {
      const r = ctx.db
        .prepare(
          'INSERT OR IGNORE INTO suggestion_dismissals (assessment_id, control_key, source_assessment_id, source_key, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(input.assessmentId, ours.controlKey, input.sourceAssessmentId, input.sourceControlKey, actor, at);
      dismissed = r.changes > 0;
      if (dismissed)
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'suggestion.dismiss',
          assessmentId: input.assessmentId,
          entity: 'answer',
          entityId: ours.controlKey,
          oldValue: undefined,
          newValue: { sourceAssessmentId: input.sourceAssessmentId, sourceKey: input.sourceControlKey },
          appVersion: ctx.appVersion,
        });
    })
    .immediate();
  return { dismissed };
}
