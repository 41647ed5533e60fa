import type { AnswerValue } from '../../core/catalog/format';
import type { MappingRelation } from '../../core/catalog/mapping-format';
import { AppError } from '../../shared/api/errors';
import type { SuggestionView } from '../../shared/api/types';
import { catalogMeta } from './catalogs';
import type { ServiceContext } from './context';

type LinkRow = {
  our_control: string; their_catalog: string; their_version: string; their_control: string; relation: MappingRelation; rationale_ja: string; rationale_en: string; reversed: number; mapping_id: string;
};
type TheirAnswer = { assessment_id: string; assessment_name: string; catalog_row: number; catalog_id: string; version: string; control_id: string; title_ja: string; title_en: string; value: string; updated_at: string };

const INVERSE: Record<MappingRelation, MappingRelation> = { equal: 'equal', subset: 'superset', superset: 'subset', intersect: 'intersect' };

/**
 * The value to propose for our control, from the meaning of the answer on the other side and how much of our
 * control the other covers: equal or superset carries the result over; subset or intersect can at most show
 * partial coverage (CISO Assistant's rule); N/A and unknown propose nothing.
 */
export function proposedMeaning(theirs: AnswerValue['meaning'], relation: MappingRelation): AnswerValue['meaning'] | null {
  if (theirs === 'not_applicable' || theirs === 'unknown' || theirs === 'not_tested') return null;
  const full = relation === 'equal' || relation === 'superset';
  if (theirs === 'compliant') return full ? 'compliant' : 'partial';
  if (theirs === 'partial') return 'partial';
  return full ? 'noncompliant' : null;
}

/**
 * Suggestions for an assessment: controls linked by a mapping to a control answered in another assessment of
 * the same organization. Nothing is applied; the user accepts or ignores each one.
 */
export function listSuggestions(ctx: ServiceContext, assessmentId: string): SuggestionView[] {
  const a = ctx.db.prepare('SELECT a.id, a.organization_id, a.catalog_row, c.catalog_id, c.version FROM assessments a JOIN catalogs c ON c.id = a.catalog_row WHERE a.id = ?').get(assessmentId) as
    | { id: string; organization_id: string | null; catalog_row: number; catalog_id: string; version: string }
    | undefined;
  if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  if (!a.organization_id) return [];
  // Links in both directions; a link read backwards has the inverse relation (our control ⊂ theirs ⇔ theirs ⊃ ours).
  const links = ctx.db.prepare(`
      SELECT l.target_control_id AS our_control, s.source_catalog_id AS their_catalog, s.source_version AS their_version, l.source_control_id AS their_control,
             l.relation, l.rationale_ja, l.rationale_en, 0 AS reversed, s.mapping_id
        FROM mapping_links l JOIN mapping_sets s ON s.id = l.set_row WHERE s.target_catalog_id = ? AND s.target_version = ?
      UNION ALL
      SELECT l.source_control_id, s.target_catalog_id, s.target_version, l.target_control_id, l.relation, l.rationale_ja, l.rationale_en, 1, s.mapping_id
        FROM mapping_links l JOIN mapping_sets s ON s.id = l.set_row WHERE s.source_catalog_id = ? AND s.source_version = ?`).all(a.catalog_id, a.version, a.catalog_id, a.version) as LinkRow[];
  if (!links.length) return [];
  const theirAnswers = ctx.db.prepare(`SELECT o.id AS assessment_id, o.name AS assessment_name, o.catalog_row, c.catalog_id, c.version, k.control_id, k.title_ja, k.title_en, x.value, x.updated_at
      FROM assessments o JOIN catalogs c ON c.id = o.catalog_row JOIN answers x ON x.assessment_id = o.id JOIN controls k ON k.id = x.control_row
      WHERE o.organization_id = ? AND o.id <> ? AND x.value IS NOT NULL AND c.catalog_id = ? AND c.version = ? AND k.control_id = ?
      ORDER BY x.updated_at DESC`);
  const ourScale = catalogMeta(ctx, a.catalog_row).answer_scale;
  const scales = new Map<number, AnswerValue[]>();
  const out: SuggestionView[] = [];
  for (const l of links) {
    const relation = l.reversed ? INVERSE[l.relation] : l.relation;
    for (const t of theirAnswers.all(a.organization_id, a.id, l.their_catalog, l.their_version, l.their_control) as TheirAnswer[]) {
      if (!scales.has(t.catalog_row)) scales.set(t.catalog_row, catalogMeta(ctx, t.catalog_row).answer_scale);
      const theirValue = scales.get(t.catalog_row)?.find((s) => s.value === t.value);
      if (!theirValue) continue;
      const meaning = proposedMeaning(theirValue.meaning, relation);
      const proposed = meaning ? ourScale.find((s) => s.meaning === meaning) : undefined;
      out.push({
        controlId: l.our_control, relation, rationale: { ja: l.rationale_ja, en: l.rationale_en }, mappingId: l.mapping_id,
        source: { assessmentId: t.assessment_id, assessmentName: t.assessment_name, catalogId: t.catalog_id, version: t.version, controlId: t.control_id, title: { ja: t.title_ja, en: t.title_en }, value: t.value, valueLabel: theirValue.label, answeredAt: t.updated_at },
        proposedValue: proposed?.value ?? null,
      });
    }
  }
  return out;
}
