import { TENKEN_OSCAL_NS } from '../constants';
import { fillLabel } from '../../report/labels';
import { type Evidence, OSCAL_RESULTS_VERSION, type Obj, type OscalAnswer, type OscalPart, type Prop } from './types';
import { oscalControlToken, statementToken } from './tokens';
import { dateTime, dayEnd, latest, line, prop, props, putList, putText } from './values';
import { controlProps, type Ctx, type Entry, answerSummary, controlTitle, isGap, localized, sections } from './context';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

export function metadata(ctx: Ctx, title: string): Obj {
  const { assessment: as, parts, audit, generatedAt, appVersion } = ctx.input;
  const published = dateTime(generatedAt);
  if (published === undefined) throw new Error(`OSCAL export: generatedAt is not a timestamp: ${generatedAt}`);
  // Stable for unchanged data (unlike the export time): the latest change to the assessment, its answers or evidence.
  const lastModified =
    latest([
      as.updatedAt,
      as.createdAt,
      ...ctx.entries.map((e) => e.answer.updatedAt ?? ''),
      ...ctx.input.evidence.map((f) => f.addedAt),
    ]) ?? published;

  const partProps = parts.flatMap((p, i) => {
    const group = `part-${i + 1}`;
    return [
      prop('catalog-id', p.catalogId, group),
      prop('catalog-version', p.version, group),
      prop('profile', p.profile, group),
    ];
  });
  const meta: Obj = {
    title: line(title) || ctx.W.answer,
    published,
    'last-modified': lastModified,
    version: dateTime(as.updatedAt) ?? lastModified,
    'oscal-version': OSCAL_RESULTS_VERSION,
  };
  putList(
    meta,
    'props',
    props(
      prop('assessment-id', as.id),
      prop('assessment-status', as.status),
      prop('lang', ctx.lang),
      prop('app-version', appVersion),
      ...partProps,
      prop('audit-head', audit.head),
      prop('audit-chain-ok', String(audit.ok)),
      prop('audit-entries', String(audit.entries)),
    ),
  );
  const org = line(as.organization ?? '');
  if (org !== '') {
    const partyUuid = ctx.uuid('party', ['organization']);
    const party: Obj = { uuid: partyUuid, type: 'organization', name: org };
    if (org !== as.organization) party.remarks = as.organization;
    meta.roles = [{ id: 'prepared-for', title: ctx.W.preparedFor }];
    meta.parties = [party];
    meta['responsible-parties'] = [{ 'role-id': 'prepared-for', 'party-uuids': [partyUuid] }];
  }
  meta.remarks = fillLabel(ctx.W.mapping, { ns: TENKEN_OSCAL_NS, app: appVersion });
  return meta;
}

export function documentTitle(ctx: Ctx, prefix?: string): string {
  const catalogs = ctx.input.parts.map((p) => line(localized(p.title, ctx.lang))).filter((t) => t !== '');
  const name = line(ctx.input.assessment.name);
  const main = [name, catalogs.join(' / ')].filter((t) => t !== '').join(' — ');
  return prefix ? `${prefix}${ctx.W.colon}${main}` : main;
}

/** A link only for a URL tools can follow as written (the schema's uri-reference refuses spaces, non-ASCII…). */
export function sourceLink(url: string | null): Obj[] {
  return url && /^https?:\/\/[\x21-\x7e]+$/.test(url) ? [{ href: url, rel: 'reference' }] : [];
}

export function controlSelection(ctx: Ctx, part: OscalPart): Obj | undefined {
  if (part.answers.length === 0) return undefined;
  const sel: Obj = { description: line(`${localized(part.title, ctx.lang)} ${part.version}`) };
  const unanswered = part.answers.filter((a) => a.value === null).map((a) => prop('unanswered', a.controlId));
  putList(
    sel,
    'props',
    props(
      prop('catalog-id', part.catalogId),
      prop('catalog-version', part.version),
      prop('profile', part.profile),
      sourceLink(part.sourceUrl).length ? undefined : prop('source-url', part.sourceUrl),
      ...unanswered,
    ),
  );
  putList(sel, 'links', sourceLink(part.sourceUrl));
  sel['include-controls'] = part.answers.map((a) => ({ 'control-id': oscalControlToken(part.catalogId, a.controlId) }));
  return sel;
}

export function reviewedControls(ctx: Ctx): Obj {
  const selections = ctx.input.parts.map((p) => controlSelection(ctx, p)).filter((s): s is Obj => s !== undefined);
  // The schema needs one selection at least; with no control at all, say so rather than list a made-up one.
  if (selections.length === 0) selections.push({ description: ctx.W.noControls, 'include-all': {} });
  return { 'control-selections': selections };
}

export function relevantEvidence(ctx: Ctx, sha: string): Obj {
  const file = ctx.fileBySha.get(sha);
  const out: Obj = {
    description: file ? `${ctx.W.evidenceFile}${ctx.W.colon}${file.fileName}` : ctx.W.unknownEvidence,
  };
  putList(out, 'props', props(prop('evidence-sha256', sha), prop('file-name', file?.fileName)));
  return out;
}

/** Our exact answer in props, the same on an observation and on a POA&M item. */
export function answerProps(e: Entry): (Prop | undefined)[] {
  const a = e.answer;
  return [
    ...controlProps(e),
    prop('answer-value', a.value),
    prop('meaning', a.meaning),
    prop('owner', a.owner),
    prop('due-date', a.dueDate),
    prop('marked-for-review', String(a.markedForReview)),
    a.customizedApproach ? prop('customized-approach', 'true') : undefined,
  ];
}

export function observation(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const W = ctx.W;
  const collected =
    dateTime(a.updatedAt) ?? dateTime(ctx.input.assessment.updatedAt) ?? dateTime(ctx.input.generatedAt);
  const obs: Obj = {
    uuid: ctx.uuid('observation', e.key),
    title: controlTitle(ctx, a),
    description: answerSummary(ctx, a),
  };
  putList(
    obs,
    'props',
    props(
      ...answerProps(e),
      prop('revision', String(a.revision)),
      prop('updated-by', a.updatedBy),
      prop('updated-at', a.updatedAt),
      ...ctx.evidenceOf(e).map((sha) => prop('evidence-sha256', sha)),
    ),
  );
  // A self-assessment questionnaire does not record how each answer was reached.
  obs.methods = ['UNKNOWN'];
  obs.types = ['control-objective'];
  putList(
    obs,
    'relevant-evidence',
    ctx.evidenceOf(e).map((sha) => relevantEvidence(ctx, sha)),
  );
  obs.collected = collected;
  putText(
    obs,
    'remarks',
    sections(ctx, [
      [W.comment, a.comment],
      [W.justification, a.justification],
      [W.remediation, a.remediation],
    ]),
  );
  return obs;
}

export function implementationState(a: OscalAnswer): string | undefined {
  if (a.meaning === 'compliant') return 'implemented';
  if (a.meaning === 'partial') return 'partial';
  // A noncompliant control is "planned" only once someone has planned something.
  return a.remediation !== '' || a.dueDate !== null ? 'planned' : undefined;
}

export function finding(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const satisfied = a.meaning === 'compliant';
  const [sep, stop] = ctx.lang === 'ja' ? ['。', '。'] : ['. ', '.'];
  const target: Obj = {
    type: 'statement-id',
    'target-id': statementToken(e.part.catalogId, a.controlId),
    status: { state: satisfied ? 'satisfied' : 'not-satisfied', reason: satisfied ? 'pass' : 'fail' },
  };
  const implemented = implementationState(a);
  if (implemented !== undefined) target['implementation-status'] = { state: implemented };
  const f: Obj = {
    uuid: ctx.uuid('finding', e.key),
    title: controlTitle(ctx, a),
    description: `${answerSummary(ctx, a)}${sep}${satisfied ? ctx.W.satisfied : ctx.W.notSatisfied}${stop}`,
  };
  putList(f, 'props', props(...controlProps(e), prop('answer-value', a.value), prop('meaning', a.meaning)));
  f.target = target;
  f['related-observations'] = [{ 'observation-uuid': ctx.uuid('observation', e.key) }];
  if (isGap(a)) f['related-risks'] = [{ 'risk-uuid': ctx.uuid('risk', e.key) }];
  putText(f, 'remarks', a.justification);
  return f;
}

export function remediation(ctx: Ctx, e: Entry): Obj | undefined {
  const a = e.answer;
  const due = dayEnd(a.dueDate);
  if (a.remediation === '' && due === undefined) return undefined;
  const r: Obj = {
    uuid: ctx.uuid('remediation', e.key),
    lifecycle: 'planned',
    title: line(`${ctx.W.remediation}${ctx.W.colon}${a.controlId}`),
    description: a.remediation || ctx.W.noRemediation,
  };
  putList(r, 'props', props(prop('owner', a.owner)));
  if (due !== undefined) {
    r.tasks = [
      {
        uuid: ctx.uuid('milestone', e.key),
        type: 'milestone',
        title: line(`${ctx.W.dueDate}${ctx.W.colon}${a.dueDate ?? ''}`),
        timing: { 'on-date': { date: due } },
      },
    ];
  }
  return r;
}

export function risk(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const r: Obj = {
    uuid: ctx.uuid('risk', e.key),
    title: controlTitle(ctx, a),
    description: answerSummary(ctx, a),
    statement: a.comment || ctx.W.noComment,
  };
  putList(
    r,
    'props',
    props(...controlProps(e), prop('meaning', a.meaning), prop('owner', a.owner), prop('due-date', a.dueDate)),
  );
  r.status = 'open';
  const deadline = dayEnd(a.dueDate);
  if (deadline !== undefined) r.deadline = deadline;
  const plan = remediation(ctx, e);
  if (plan) r.remediations = [plan];
  r['related-observations'] = [{ 'observation-uuid': ctx.uuid('observation', e.key) }];
  return r;
}

export function poamItem(ctx: Ctx, e: Entry): Obj {
  const a = e.answer;
  const item: Obj = {
    uuid: ctx.uuid('poam-item', e.key),
    title: controlTitle(ctx, a),
    description: a.remediation || ctx.W.noRemediation,
  };
  putList(item, 'props', props(...answerProps(e)));
  item['related-findings'] = [{ 'finding-uuid': ctx.uuid('finding', e.key) }];
  item['related-observations'] = [{ 'observation-uuid': ctx.uuid('observation', e.key) }];
  item['related-risks'] = [{ 'risk-uuid': ctx.uuid('risk', e.key) }];
  putText(item, 'remarks', a.comment);
  return item;
}

/** The schema requires poam-items (minItems 1): with nothing to fix, one item says so, marked by a prop. */
export function noItemsPlaceholder(ctx: Ctx): Obj {
  return {
    uuid: ctx.uuid('poam-item', ['none']),
    title: ctx.W.noItemsTitle,
    description: ctx.W.noItemsText,
    props: props(prop('placeholder', 'true')),
  };
}

export function evidenceResource(ctx: Ctx, file: Evidence, index: number): Obj {
  const res: Obj = {
    // The index keeps two uploads of the same bytes apart; the file list's order is stable.
    uuid: ctx.uuid('evidence', [file.sha256, String(index)]),
    title: line(file.fileName) || ctx.W.evidenceFile,
  };
  putList(
    res,
    'props',
    props(
      prop('evidence-sha256', file.sha256),
      prop('file-name', file.fileName),
      prop('media-type', file.mediaType),
      prop('size', String(file.size)),
      prop('added-by', file.addedBy),
      prop('added-at', file.addedAt),
      // Catalog ids have no ':' (lowercase letters, digits, '-'), so the first ':' splits the value.
      ...file.controls.map((c) => prop('control', `${c.catalogId}:${c.controlId}`)),
    ),
  );
  return res;
}

export function planResource(ctx: Ctx): Obj {
  return { uuid: ctx.uuid('assessment-plan'), title: ctx.W.planTitle, description: ctx.W.planText };
}
