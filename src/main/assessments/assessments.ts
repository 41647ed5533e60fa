import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import { controlKeyPrefix } from '../../core/assessment/control-key';
import type {
  AssessmentCatalogView,
  AssessmentDetail,
  AssessmentStatus,
  AssessmentSummary,
  ControlView,
  OrganizationSummary,
  PartialLocalized,
  Progress,
} from '../../shared/api/types';
import { answersOf } from './answer-rows';
import { cachedPartProgress } from './progress-counts';
import { catalogFor, catalogsOf, type AssessmentCatalog } from './assessment-catalogs';
import { appendAudit } from '../audit/audit-log';
import { lastUpgrade, versionsOf } from '../catalogs/versions';
import { catalogMeta, resolveCatalogRef } from '../catalogs/catalogs';
import { isoNow, type ServiceContext } from '../context';
import { stmt } from '../db/statements';
import { actorOf } from '../settings/settings';
import { assertNotShelved, assertShelfOpen } from './housekeeping';
import { exclusionAllowed, type ExclusionNode } from '../../core/assessment/exclusion-rule';
import {
  ANSWER_COLUMNS,
  answerFieldsOf,
  EMPTY_ANSWER,
  sameAnswer,
  type AnswerFields,
} from '../../core/assessment/answer-fields';
import {
  detailChanges,
  mergeDetails,
  periodInOrder,
  type AssessmentDetails,
  type DetailsPatch,
} from '../../core/assessment/details';

/** Whether control `k` applies to part `p` of an assessment under its profile (no profile, or a control for every profile, applies). */
export const APPLIES_SQL = `(p.profile IS NULL OR json_extract(k.body, '$.profiles') IS NULL OR json_array_length(json_extract(k.body, '$.profiles')) = 0
  OR EXISTS (SELECT 1 FROM json_each(k.body, '$.profiles') j WHERE j.value = p.profile))`;

type SummaryRow = {
  id: string;
  name: string;
  status: AssessmentStatus;
  scope: string;
  created_at: string;
  updated_at: string;
  assessors: string;
  period_start: string | null;
  period_end: string | null;
  org_id: string | null;
  org_name: string | null;
  org_contact: string | null;
  carried_from: string | null;
  archived_at: string | null;
  trashed_at: string | null;
  overall_comment: string;
};

const SUMMARY_SQL = `SELECT a.id, a.name, a.status, a.scope, a.created_at, a.updated_at, a.assessors, a.period_start, a.period_end, o.id AS org_id, o.name AS org_name, o.contact AS org_contact, a.carried_from, a.archived_at, a.trashed_at, a.overall_comment
  FROM assessments a LEFT JOIN organizations o ON o.id = a.organization_id`;

type PartProgressRow = { position: number; catalog_row: number; answered: number; total: number };

/** Answered and applicable assessable controls, per catalog of the assessment (or of one catalog), kept counted. */
function partProgress(ctx: ServiceContext, id: string, catalogRow?: number): Map<number, Progress> {
  return cachedPartProgress(ctx, id, catalogRow, () => countPartProgress(ctx, id, catalogRow));
}

/** The same counted from the answers and controls themselves. */
export function countPartProgress(ctx: ServiceContext, id: string, catalogRow?: number): Map<number, Progress> {
  const rows = ctx.db
    .prepare(
      `SELECT p.position, p.catalog_row,
      (SELECT count(*) FROM answers x JOIN controls k ON k.id = x.control_row
         WHERE x.assessment_id = p.assessment_id AND k.catalog_row = p.catalog_row AND x.value IS NOT NULL AND k.assessable = 1 AND k.withdrawn = 0 AND ${APPLIES_SQL}) AS answered,
      (SELECT count(*) FROM controls k WHERE k.catalog_row = p.catalog_row AND k.assessable = 1 AND k.withdrawn = 0 AND ${APPLIES_SQL}) AS total
    FROM assessment_catalogs p WHERE p.assessment_id = ? AND (? IS NULL OR p.catalog_row = ?)`,
    )
    .all(id, catalogRow ?? null, catalogRow ?? null) as PartProgressRow[];
  return new Map(rows.map((r) => [r.catalog_row, { answered: r.answered, total: r.total }]));
}

function catalogViews(ctx: ServiceContext, id: string, parts: readonly AssessmentCatalog[]): AssessmentCatalogView[] {
  const progress = partProgress(ctx, id);
  return parts.map((p) => ({
    ref: p.catalogRow,
    catalogId: p.catalogId,
    version: p.version,
    title: p.title,
    profile: p.profile,
    keyPrefix: controlKeyPrefix(p.position, p.catalogId),
    progress: progress.get(p.catalogRow) ?? { answered: 0, total: 0 },
  }));
}

function toSummary(
  ctx: ServiceContext,
  r: SummaryRow,
  parts: readonly AssessmentCatalog[] = catalogsOf(ctx, r.id),
): AssessmentSummary {
  const catalogs = catalogViews(ctx, r.id, parts);
  const first = catalogs[0];
  if (!first) throw new AppError('not_found', 'assessmentNotFound', { id: r.id });
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    assessors: r.assessors,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    carriedFrom: r.carried_from,
    archivedAt: r.archived_at,
    trashedAt: r.trashed_at,
    profile: first.profile,
    organization: r.org_id ? { id: r.org_id, name: r.org_name as string, contact: r.org_contact ?? '' } : null,
    catalog: { ref: first.ref, catalogId: first.catalogId, version: first.version, title: first.title },
    catalogs,
    progress: catalogs.reduce(
      (sum, c) => ({ answered: sum.answered + c.progress.answered, total: sum.total + c.progress.total }),
      { answered: 0, total: 0 },
    ),
  };
}

/** The home list (neither archived nor in the trash), the archived assessments, or the trash. */
export function listAssessments(
  ctx: ServiceContext,
  show: 'active' | 'archived' | 'trash' = 'active',
): AssessmentSummary[] {
  const where = {
    active: 'a.trashed_at IS NULL AND a.archived_at IS NULL',
    archived: 'a.trashed_at IS NULL AND a.archived_at IS NOT NULL',
    trash: 'a.trashed_at IS NOT NULL',
  }[show];
  return (ctx.db.prepare(`${SUMMARY_SQL} WHERE ${where} ORDER BY a.updated_at DESC`).all() as SummaryRow[]).map((r) =>
    toSummary(ctx, r),
  );
}

function summaryRow(ctx: ServiceContext, id: string): SummaryRow {
  const r = ctx.db.prepare(`${SUMMARY_SQL} WHERE a.id = ?`).get(id) as SummaryRow | undefined;
  if (!r) throw new AppError('not_found', 'assessmentNotFound', { id });
  return r;
}

export function getAssessmentSummary(ctx: ServiceContext, id: string): AssessmentSummary {
  return toSummary(ctx, summaryRow(ctx, id));
}

/** Progress of one catalog of the assessment (the one a save touched), or of the whole assessment. */
export function progressOf(ctx: ServiceContext, id: string, catalogRow?: number): Progress {
  const byPart = partProgress(ctx, id, catalogRow);
  if (catalogRow !== undefined) return byPart.get(catalogRow) ?? { answered: 0, total: 0 };
  return [...byPart.values()].reduce(
    (sum, c) => ({ answered: sum.answered + c.answered, total: sum.total + c.total }),
    { answered: 0, total: 0 },
  );
}

export function listOrganizations(ctx: ServiceContext): OrganizationSummary[] {
  return (
    ctx.db
      .prepare(
        `SELECT o.id, o.name, o.contact, (SELECT count(*) FROM assessments a WHERE a.organization_id = o.id) AS n
      FROM organizations o ORDER BY o.name`,
      )
      .all() as { id: string; name: string; contact: string; n: number }[]
  ).map((r) => ({ id: r.id, name: r.name, contact: r.contact, assessmentCount: r.n }));
}

type Meta = {
  assessors?: string | undefined;
  periodStart?: string | null | undefined;
  periodEnd?: string | null | undefined;
  profile?: string | null | undefined;
};

function checkProfile(ctx: ServiceContext, catalogRow: number, profile: string | null | undefined): void {
  if (!profile) return;
  const known = (catalogMeta(ctx, catalogRow).profiles ?? []).map((p) => p.id);
  if (!known.includes(profile))
    throw new AppError('bad_input', 'profileUnknown', { profile, allowed: known.join(', ') || '—' });
}

/** The organization by name, created on first use; a contact given for an existing one updates it (recorded). */
export function findOrCreateOrganization(
  ctx: ServiceContext,
  name: string,
  contact: string | undefined,
  at: string,
  actor: string,
): string {
  const found = ctx.db.prepare('SELECT id, contact FROM organizations WHERE name = ?').get(name) as
    { id: string; contact: string } | undefined;
  if (found) {
    if (contact !== undefined && contact !== found.contact) {
      ctx.db.prepare('UPDATE organizations SET contact = ? WHERE id = ?').run(contact, found.id);
      appendAudit(ctx.db, {
        at,
        actor,
        action: 'organization.update',
        assessmentId: null,
        entity: 'organization',
        entityId: found.id,
        oldValue: { contact: found.contact },
        newValue: { contact },
        appVersion: ctx.appVersion,
      });
    }
    return found.id;
  }
  const id = randomUUID();
  ctx.db
    .prepare('INSERT INTO organizations (id, name, contact, created_at) VALUES (?, ?, ?, ?)')
    .run(id, name, contact ?? '', at);
  appendAudit(ctx.db, {
    at,
    actor,
    action: 'organization.create',
    assessmentId: null,
    entity: 'organization',
    entityId: id,
    oldValue: undefined,
    newValue: { name, contact: contact ?? '' },
    appVersion: ctx.appVersion,
  });
  return id;
}

/** The most catalogs one assessment may cover; beyond this the answering screen and the report stop being readable. */
export const MAX_ASSESSMENT_CATALOGS = 8;

export type PartInput = { catalog: number | string; profile?: string | null | undefined };

export function addPart(
  ctx: ServiceContext,
  id: string,
  position: number,
  input: PartInput,
  taken: Set<string>,
): { catalogRow: number; label: string } {
  const catalogRow = resolveCatalogRef(ctx, input.catalog);
  checkProfile(ctx, catalogRow, input.profile);
  const cat = ctx.db.prepare('SELECT catalog_id, version FROM catalogs WHERE id = ?').get(catalogRow) as {
    catalog_id: string;
    version: string;
  };
  // One version of a catalog per assessment: two versions side by side would split one answer into two.
  if (taken.has(cat.catalog_id))
    throw new AppError('conflict', 'catalogAlreadyInAssessment', { catalog: cat.catalog_id });
  if (taken.size >= MAX_ASSESSMENT_CATALOGS)
    throw new AppError('bad_input', 'tooManyCatalogs', { max: MAX_ASSESSMENT_CATALOGS });
  taken.add(cat.catalog_id);
  ctx.db
    .prepare('INSERT INTO assessment_catalogs (assessment_id, position, catalog_row, profile) VALUES (?, ?, ?, ?)')
    .run(id, position, catalogRow, input.profile ?? null);
  return { catalogRow, label: `${cat.catalog_id}@${cat.version}` };
}

export function createAssessment(
  ctx: ServiceContext,
  input: {
    name: string;
    catalog: number | string;
    additionalCatalogs?: PartInput[] | undefined;
    organization?: string | undefined;
    organizationContact?: string | undefined;
    scope?: string | undefined;
  } & Meta,
): AssessmentSummary {
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  const id = randomUUID();
  const first = resolveCatalogRef(ctx, input.catalog);
  ctx.db
    .transaction(() => {
      const orgId = input.organization
        ? findOrCreateOrganization(ctx, input.organization, input.organizationContact, at, actor)
        : null;
      ctx.db
        .prepare(
          `INSERT INTO assessments (id, name, organization_id, catalog_row, scope, status, created_at, updated_at, assessors, period_start, period_end)
        VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.name,
          orgId,
          first,
          input.scope ?? '',
          at,
          at,
          input.assessors ?? '',
          input.periodStart ?? null,
          input.periodEnd ?? null,
        );
      const taken = new Set<string>();
      const parts = [{ catalog: input.catalog, profile: input.profile }, ...(input.additionalCatalogs ?? [])].map(
        (p, i) => addPart(ctx, id, i, p, taken),
      );
      appendAudit(ctx.db, {
        at,
        actor,
        action: 'assessment.create',
        assessmentId: id,
        entity: 'assessment',
        entityId: id,
        oldValue: undefined,
        newValue: {
          name: input.name,
          catalog: parts[0]?.label,
          ...(parts.length > 1 ? { catalogs: parts.map((p) => p.label) } : {}),
          organization: input.organization ?? null,
          profile: input.profile ?? null,
        },
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return getAssessmentSummary(ctx, id);
}

/** Adds a catalog to an assessment that is not final (an engagement that grows from ISMAP to ISMAP + PCI DSS); recorded. */
export function addAssessmentCatalog(
  ctx: ServiceContext,
  input: { id: string; catalog: number | string; profile?: string | null | undefined },
): AssessmentSummary {
  assertEditable(ctx, input.id);
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      const parts = catalogsOf(ctx, input.id);
      const added = addPart(
        ctx,
        input.id,
        Math.max(...parts.map((p) => p.position)) + 1,
        input,
        new Set(parts.map((p) => p.catalogId)),
      );
      ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, input.id);
      appendAudit(ctx.db, {
        at,
        actor: actorOf(ctx),
        action: 'assessment.addCatalog',
        assessmentId: input.id,
        entity: 'assessment',
        entityId: input.id,
        oldValue: { catalogs: parts.map((p) => `${p.catalogId}@${p.version}`) },
        newValue: { catalog: added.label, profile: input.profile ?? null },
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return getAssessmentSummary(ctx, input.id);
}

/**
 * Takes a catalog added by mistake off an assessment that is not final (recorded). Only a catalog other than the
 * first, and only while nothing was answered or linked as evidence for it: answers are never dropped silently.
 */
export function removeAssessmentCatalog(
  ctx: ServiceContext,
  input: { id: string; catalog: string },
): AssessmentSummary {
  assertEditable(ctx, input.id);
  const part = catalogFor(ctx, input.id, input.catalog);
  if (part.position === 0) throw new AppError('conflict', 'firstCatalogStays', { catalog: part.catalogId });
  const used = ctx.db
    .prepare(
      `SELECT
      (SELECT count(*) FROM answers x JOIN controls k ON k.id = x.control_row WHERE x.assessment_id = ? AND k.catalog_row = ?)
    + (SELECT count(*) FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id JOIN controls k ON k.id = l.control_row WHERE e.assessment_id = ? AND k.catalog_row = ?) AS n`,
    )
    .get(input.id, part.catalogRow, input.id, part.catalogRow) as { n: number };
  if (used.n > 0) throw new AppError('conflict', 'catalogHasAnswers', { catalog: part.catalogId, count: used.n });
  const at = isoNow(ctx);
  ctx.db
    .transaction(() => {
      ctx.db
        .prepare('DELETE FROM assessment_catalogs WHERE assessment_id = ? AND position = ?')
        .run(input.id, part.position);
      ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, input.id);
      appendAudit(ctx.db, {
        at,
        actor: actorOf(ctx),
        action: 'assessment.removeCatalog',
        assessmentId: input.id,
        entity: 'assessment',
        entityId: input.id,
        oldValue: { catalog: `${part.catalogId}@${part.version}`, profile: part.profile },
        newValue: undefined,
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return getAssessmentSummary(ctx, input.id);
}

/** Answers with something written in them on controls of one catalog that do not apply under `profile`. */
function answersOutsideProfile(
  ctx: ServiceContext,
  assessmentId: string,
  catalogRow: number,
  profile: string | null,
): number {
  if (profile === null) return 0;
  const rows = ctx.db
    .prepare(
      `SELECT ${ANSWER_COLUMNS.map((f) => `x.${f.column}`).join(', ')} FROM answers x JOIN controls k ON k.id = x.control_row
      WHERE x.assessment_id = ? AND k.catalog_row = ? AND NOT (json_extract(k.body, '$.profiles') IS NULL OR json_array_length(json_extract(k.body, '$.profiles')) = 0
        OR EXISTS (SELECT 1 FROM json_each(k.body, '$.profiles') j WHERE j.value = ?))`,
    )
    .all(assessmentId, catalogRow, profile) as Record<string, unknown>[];
  return rows.filter(
    (r) =>
      !sameAnswer(
        answerFieldsOf(Object.fromEntries(ANSWER_COLUMNS.map((f) => [f.name, f.fromDb(r[f.column])])) as AnswerFields),
        EMPTY_ANSWER,
      ),
  ).length;
}

export type AssessmentUpdateInput = { id: string; catalog?: string | undefined } & DetailsPatch;

/**
 * The details printed on the report cover, editable until the assessment is final: name, organization (and its
 * contact, through the same find-or-create as at creation), scope, assessors, period, and a catalog's profile (the
 * first catalog's unless `catalog` names another). A profile change is refused while answers exist on controls
 * outside the new profile (they would drop out of the report silently). One history entry with the changed fields
 * only, old and new.
 */
export function updateAssessment(ctx: ServiceContext, input: AssessmentUpdateInput): AssessmentSummary {
  const r = summaryRow(ctx, input.id);
  if (r.status === 'final') throw new AppError('locked', 'assessmentFinal', {});
  assertNotShelved(ctx, input.id);
  const part = catalogFor(ctx, input.id, input.catalog);
  const before: AssessmentDetails = {
    name: r.name,
    organization: r.org_name,
    organizationContact: r.org_contact ?? '',
    scope: r.scope,
    assessors: r.assessors,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    profile: part.profile,
    overallComment: r.overall_comment,
  };
  const patch: DetailsPatch = {
    ...input,
    organization: input.organization === undefined ? undefined : input.organization?.trim() || null,
  };
  const after = mergeDetails(before, patch);
  // Another organization starts from its own stored contact unless one is given.
  if (after.organization !== before.organization && input.organizationContact === undefined) {
    after.organizationContact = after.organization
      ? ((
          ctx.db.prepare('SELECT contact FROM organizations WHERE name = ?').get(after.organization) as
            { contact: string } | undefined
        )?.contact ?? '')
      : '';
  }
  if (!after.organization && after.organizationContact)
    throw new AppError('bad_input', 'contactWithoutOrganization', {});
  if (!periodInOrder(after))
    throw new AppError('bad_input', 'periodReversed', { start: after.periodStart ?? '', end: after.periodEnd ?? '' });
  if (after.profile !== before.profile) checkProfile(ctx, part.catalogRow, after.profile);
  const changes = detailChanges(before, after);
  if (!changes) return toSummary(ctx, r);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  ctx.db
    .transaction(() => {
      // Counted inside the write transaction, so no answer can land outside the new profile between check and change.
      if (after.profile !== before.profile) {
        const outside = answersOutsideProfile(ctx, input.id, part.catalogRow, after.profile);
        if (outside > 0)
          throw new AppError('conflict', 'profileChangeHasAnswers', { profile: after.profile ?? '', count: outside });
      }
      const orgId = after.organization
        ? findOrCreateOrganization(ctx, after.organization, after.organizationContact, at, actor)
        : null;
      ctx.db
        .prepare(
          'UPDATE assessments SET name = ?, organization_id = ?, scope = ?, assessors = ?, period_start = ?, period_end = ?, overall_comment = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          after.name,
          orgId,
          after.scope,
          after.assessors,
          after.periodStart,
          after.periodEnd,
          after.overallComment,
          at,
          input.id,
        );
      ctx.db
        .prepare('UPDATE assessment_catalogs SET profile = ? WHERE assessment_id = ? AND position = ?')
        .run(after.profile, input.id, part.position);
      const which = part.position === 0 || changes.newValue.profile === undefined ? {} : { catalog: part.catalogId };
      appendAudit(ctx.db, {
        at,
        actor,
        action: 'assessment.update',
        assessmentId: input.id,
        entity: 'assessment',
        entityId: input.id,
        oldValue: { ...changes.oldValue, ...which },
        newValue: { ...changes.newValue, ...which },
        appVersion: ctx.appVersion,
      });
    })
    .immediate();
  return getAssessmentSummary(ctx, input.id);
}

type ControlRow = {
  control_id: string;
  parent_id: string | null;
  depth: number;
  assessable: number;
  mandatory: number;
  title_ja: string;
  title_en: string;
  body: string;
  applies: number;
};

/** One catalog of an assessment in full: its controls (with applicability), answers, scale and scoring. */
export function getAssessment(ctx: ServiceContext, id: string, catalogId?: string): AssessmentDetail {
  const row = summaryRow(ctx, id);
  const parts = catalogsOf(ctx, id);
  return detailOf(ctx, row, toSummary(ctx, row, parts), catalogFor(ctx, id, catalogId, parts));
}

/** Every catalog of an assessment in full, first catalog first (reports, quality check, exports). */
export function getAssessmentCatalogDetails(ctx: ServiceContext, id: string): AssessmentDetail[] {
  const row = summaryRow(ctx, id);
  const parts = catalogsOf(ctx, id);
  const summary = toSummary(ctx, row, parts);
  return parts.map((p) => detailOf(ctx, row, summary, p));
}

function detailOf(
  ctx: ServiceContext,
  row: SummaryRow,
  summary: AssessmentSummary,
  part: AssessmentCatalog,
): AssessmentDetail {
  const id = row.id;
  const meta = catalogMeta(ctx, part.catalogRow);
  const nodes = new Map<string, ExclusionNode>();
  const controls = (
    ctx.db
      .prepare(
        `SELECT k.control_id, k.parent_id, k.depth, k.assessable, k.mandatory, k.title_ja, k.title_en, k.body, ${APPLIES_SQL} AS applies
      FROM controls k JOIN assessment_catalogs p ON p.assessment_id = ? AND p.catalog_row = k.catalog_row WHERE k.catalog_row = ? AND k.withdrawn = 0 ORDER BY k.position`,
      )
      .all(id, part.catalogRow) as ControlRow[]
  ).map((c): ControlView => {
    const body = JSON.parse(c.body) as {
      description?: PartialLocalized;
      guidance?: PartialLocalized;
      provider_guidance?: PartialLocalized;
      evidence?: { ja: string[]; en: string[] };
      tags?: string[];
      unverified?: string;
      weight?: number;
      excludable?: boolean;
    };
    nodes.set(c.control_id, { controlId: c.control_id, parentId: c.parent_id, excludable: body.excludable ?? null });
    return {
      controlId: c.control_id,
      parentId: c.parent_id,
      depth: c.depth,
      assessable: c.assessable === 1,
      mandatory: c.mandatory === 1,
      title: { ja: c.title_ja, en: c.title_en },
      description: body.description ?? null,
      guidance: body.guidance ?? null,
      providerGuidance: body.provider_guidance ?? null,
      evidence: body.evidence ?? null,
      tags: body.tags ?? [],
      unverified: body.unverified ?? null,
      applicable: c.applies === 1,
      weight: body.weight ?? null,
      excludable: true,
    };
  });
  // The catalog's exclusion rule, so the screen offers no exclusion the save would refuse (exclusion-rule.ts).
  for (const c of controls) c.excludable = exclusionAllowed(c.controlId, nodes);
  const view = summary.catalogs.find((c) => c.ref === part.catalogRow);
  const otherVersions = versionsOf(ctx, part.catalogId).filter((v) => v !== part.version);
  return {
    ...summary,
    catalog: { ref: part.catalogRow, catalogId: part.catalogId, version: part.version, title: part.title },
    profile: part.profile,
    progress: view?.progress ?? summary.progress,
    keyPrefix: controlKeyPrefix(part.position, part.catalogId),
    scope: row.scope,
    overallComment: row.overall_comment,
    answerScale: meta.answer_scale,
    controls,
    answers: answersOf(ctx.db, id, part.catalogRow),
    otherVersions,
    lastUpgrade: lastUpgrade(ctx, id, part.catalogId),
    profiles: (meta.profiles ?? []).map((p) => ({ id: p.id, label: p.label })),
    tags: (meta.tags ?? []).map((t) => ({ id: t.id, label: t.label })),
    scoring: meta.scoring ?? null,
    customizedApproach: meta.customized_approach ?? false,
  };
}

export function assertEditable(ctx: ServiceContext, assessmentId: string): { id: string; status: AssessmentStatus } {
  // One read for every check: this runs before each save.
  const a = stmt(ctx.db, 'SELECT id, status, name, archived_at, trashed_at FROM assessments WHERE id = ?').get(
    assessmentId,
  ) as
    | { id: string; status: AssessmentStatus; name: string; archived_at: string | null; trashed_at: string | null }
    | undefined;
  if (!a) throw new AppError('not_found', 'assessmentNotFound', { id: assessmentId });
  if (a.status === 'final') throw new AppError('locked', 'assessmentFinal', {});
  assertShelfOpen(a);
  return { id: a.id, status: a.status };
}
