import type { CatalogDiagnostic } from './diagnostics';
import type { CatalogDocument, CatalogNodeInput } from './format';
import type { MappingDocument } from './mapping-format';

type Visit = (node: CatalogNodeInput, path: string, depth: number) => void;

export function walkNodes(items: readonly CatalogNodeInput[], visit: Visit, base = 'items', depth = 0): void {
  items.forEach((node, i) => {
    const path = `${base}[${i}]`;
    visit(node, path, depth);
    if (node.items) walkNodes(node.items, visit, `${path}.items`, depth + 1);
  });
}

const MAX_DEPTH = 12;

/** Checks a schema-valid catalog for what a schema cannot express. */
export function checkCatalogSemantics(doc: CatalogDocument): CatalogDiagnostic[] {
  const out: CatalogDiagnostic[] = [];
  const err = (key: string, path: string, params: Record<string, string | number> = {}) =>
    out.push({ severity: 'error', key, params, path });
  const warn = (key: string, path: string, params: Record<string, string | number> = {}) =>
    out.push({ severity: 'warning', key, params, path });

  // Answer scale sanity.
  const values = new Set<string>();
  doc.answer_scale.forEach((a, i) => {
    if (values.has(a.value)) err('scaleDuplicate', `answer_scale[${i}].value`, { value: a.value });
    values.add(a.value);
    if (a.meaning === 'not_applicable' && a.score !== null)
      err('scaleNaScored', `answer_scale[${i}].score`, { value: a.value });
    if (
      a.meaning !== 'not_applicable' &&
      a.meaning !== 'not_tested' &&
      a.score === null &&
      doc.scoring?.method === 'points'
    )
      err('scaleMissingScore', `answer_scale[${i}].score`, { value: a.value });
  });
  if (!doc.answer_scale.some((a) => a.meaning === 'compliant')) err('scaleNoCompliant', 'answer_scale');
  if (!doc.answer_scale.some((a) => a.meaning === 'noncompliant')) err('scaleNoNoncompliant', 'answer_scale');
  if (doc.scoring?.bands) {
    const mins = doc.scoring.bands.map((b) => b.min);
    if (mins.some((m, i) => i > 0 && m >= (mins[i - 1] as number))) err('bandsOrder', 'scoring.bands');
  }

  const profiles = new Set((doc.profiles ?? []).map((p) => p.id));
  const tags = new Set((doc.tags ?? []).map((t) => t.id));
  const seen = new Map<string, string>();
  let assessable = 0;
  walkNodes(doc.items, (node, path, depth) => {
    if (depth >= MAX_DEPTH) err('tooDeep', path, { max: MAX_DEPTH });
    const first = seen.get(node.id);
    if (first) err('duplicateId', `${path}.id`, { id: node.id, first });
    else seen.set(node.id, path);
    if (node.assessable ?? !node.items?.length) assessable++;
    for (const p of node.profiles ?? [])
      if (!profiles.has(p)) err('unknownProfile', `${path}.profiles`, { id: node.id, profile: p });
    for (const t of node.tags ?? [])
      if (tags.size && !tags.has(t)) err('unknownTag', `${path}.tags`, { id: node.id, tag: t });
    for (const field of ['description', 'guidance', 'provider_guidance'] as const) {
      const text = node[field];
      if (text && (!text.ja || !text.en))
        warn('missingTranslation', `${path}.${field}`, { id: node.id, missing: text.ja ? 'en' : 'ja' });
    }
    if (node.evidence && node.evidence.ja.length !== node.evidence.en.length)
      warn('evidenceCount', `${path}.evidence`, { id: node.id });
  });
  if (assessable === 0) err('noAssessable', 'items');

  // A profile's explicit list names controls of this catalog, each once.
  (doc.profiles ?? []).forEach((p, i) => {
    const listed = new Set<string>();
    p.controls?.forEach((id, j) => {
      if (!seen.has(id)) err('profileUnknownControl', `profiles[${i}].controls[${j}]`, { profile: p.id, id });
      else if (listed.has(id)) err('profileDuplicateControl', `profiles[${i}].controls[${j}]`, { profile: p.id, id });
      listed.add(id);
    });
  });
  const profileIds = new Set<string>();
  (doc.profiles ?? []).forEach((p, i) => {
    if (profileIds.has(p.id)) err('profileDuplicate', `profiles[${i}].id`, { profile: p.id });
    profileIds.add(p.id);
  });

  // Internal references must resolve; references to other catalogs are checked when both are loaded.
  walkNodes(doc.items, (node, path) => {
    node.references?.forEach((ref, i) => {
      if ((ref.catalog === undefined || ref.catalog === doc.id) && !seen.has(ref.id))
        err('danglingReference', `${path}.references[${i}].id`, { id: node.id, target: ref.id });
    });
  });
  return out;
}

export function checkMappingSemantics(doc: MappingDocument): CatalogDiagnostic[] {
  const out: CatalogDiagnostic[] = [];
  const pairs = new Set<string>();
  doc.links.forEach((l, i) => {
    const key = `${l.source}→${l.target}`;
    if (pairs.has(key))
      out.push({
        severity: 'error',
        key: 'mappingDuplicate',
        params: { source: l.source, target: l.target },
        path: `links[${i}]`,
      });
    pairs.add(key);
  });
  if (doc.source.catalog === doc.target.catalog && doc.source.version === doc.target.version)
    out.push({ severity: 'error', key: 'mappingSelf', params: {}, path: 'target' });
  return out;
}
