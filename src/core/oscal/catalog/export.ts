import { uuidV5 } from '../../util/uuid-v5';
import type { CatalogDocument, CatalogNodeInput, Locale } from '../../catalog/format';
import { EXPORT_OSCAL_VERSION, TENKEN_NAMESPACE, TENKEN_OSCAL_NS } from '../constants';

export { TENKEN_NAMESPACE, TENKEN_OSCAL_NS } from '../constants';

export type OscalExportOptions = {
  /** The language of the exported text (OSCAL has one language per document). */
  lang: Locale;
  /** metadata.last-modified: an ISO 8601 date-time with a timezone (e.g. new Date().toISOString()). */
  lastModified: string;
};

type Obj = Record<string, unknown>;
type Prop = { name: string; ns?: string; value: string };

/** Prop values must be non-empty without surrounding whitespace (StringDatatype); one line keeps them readable. */
function propValue(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Titles are markup-line: one line. */
function line(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function ours(name: string, value: string): Prop | undefined {
  const v = propValue(value);
  return v === '' ? undefined : { name, ns: TENKEN_OSCAL_NS, value: v };
}

/** An OSCAL token (XML NCName): letters, digits, . - _, starting with a letter or _. */
function token(text: string): string {
  const t = text.normalize('NFKC').replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^(\p{L}|_)/u.test(t) ? t : `_${t}`;
}

function isAssessable(node: CatalogNodeInput): boolean {
  return node.assessable ?? !node.items?.length;
}

/** `published` as an OSCAL date-time; a date alone is taken as midnight Japan time (YYYY-MM as its first day). */
function publishedDateTime(published: string): string | undefined {
  const m = published.match(/^(\d{4})-(\d{2})(?:-(\d{2}))?$/);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '01')];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // The schema's date-time pattern accepts real calendar dates from 1900 on.
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${m[1]}-${m[2]}-${m[3] ?? '01'}T00:00:00+09:00`;
}

/**
 * Writes a catalog document as an OSCAL 1.1 catalog (JSON object) in one language, valid against the official
 * oscal_catalog_schema.json. Deterministic: the same document and options give the same JSON (UUIDs are
 * name-based, uuidV5(TENKEN_NAMESPACE, …)). Non-assessable nodes become groups, assessable ones controls (their
 * children nested controls); Tenken-only facts are props and parts in the TENKEN_OSCAL_NS namespace.
 */
export function exportOscalCatalog(doc: CatalogDocument, opts: OscalExportOptions): Record<string, unknown> {
  const { lang } = opts;

  // OSCAL ids for every node first, so internal references can link to them: `${catalogId}-${printedId}` as a token, unique.
  const ids = new Map<CatalogNodeInput, string>();
  const oscalIds = new Map<string, string>();
  const used = new Set<string>();
  const assign = (items: readonly CatalogNodeInput[]) => {
    for (const node of items) {
      const base = token(`${doc.id}-${node.id}`);
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      ids.set(node, id);
      if (!oscalIds.has(node.id)) oscalIds.set(node.id, id);
      if (node.items) assign(node.items);
    }
  };
  assign(doc.items);

  const nodeProps = (node: CatalogNodeInput, position: number | undefined, inControl: boolean): Prop[] => {
    const props: (Prop | undefined)[] = [
      { name: 'label', value: propValue(node.id) },
      position !== undefined ? ours('position', String(position)) : undefined,
      inControl && !isAssessable(node) ? ours('assessable', 'false') : undefined,
      node.mandatory !== undefined ? ours('mandatory', String(node.mandatory)) : undefined,
      node.excludable !== undefined ? ours('excludable', String(node.excludable)) : undefined,
      node.weight !== undefined ? ours('weight', String(node.weight)) : undefined,
      ...(node.tags ?? []).map((t) => ours('tag', t)),
      ...(node.profiles ?? []).map((p) => ours('profile', p)),
      node.unverified !== undefined ? ours('unverified', node.unverified) : undefined,
    ];
    return props.filter((p): p is Prop => p !== undefined);
  };

  const links = (node: CatalogNodeInput): Obj[] => {
    const out: Obj[] = [];
    for (const ref of node.references ?? []) {
      const internal = ref.catalog === undefined || ref.catalog === doc.id;
      const target = internal ? oscalIds.get(ref.id) : undefined;
      const link: Obj =
        internal && target
          ? { href: `#${target}`, rel: 'related' }
          : {
              href: `urn:tenken:control:${encodeURIComponent(ref.catalog ?? doc.id)}:${encodeURIComponent(ref.id)}`,
              rel: 'reference',
            };
      const note = ref.note?.[lang];
      if (note !== undefined && line(note) !== '') link.text = line(note);
      out.push(link);
    }
    return out;
  };

  const textParts = (node: CatalogNodeInput, mainName: 'statement' | 'overview'): Obj[] => {
    const parts: Obj[] = [];
    const description = node.description?.[lang];
    // A control must have a statement; the title stands in when there is no description in this language.
    if (mainName === 'statement') parts.push({ name: 'statement', prose: description ?? node.title[lang] });
    else if (description !== undefined) parts.push({ name: 'overview', prose: description });
    const guidance = node.guidance?.[lang];
    if (guidance !== undefined) parts.push({ name: 'guidance', prose: guidance });
    const providerGuidance = node.provider_guidance?.[lang];
    if (providerGuidance !== undefined)
      parts.push({ name: 'provider-guidance', ns: TENKEN_OSCAL_NS, prose: providerGuidance });
    const evidence = node.evidence?.[lang] ?? [];
    if (evidence.length) {
      parts.push({
        name: 'typical-evidence',
        ns: TENKEN_OSCAL_NS,
        parts: evidence.map((e) => ({ name: 'item', ns: TENKEN_OSCAL_NS, prose: e })),
      });
    }
    return parts;
  };

  const withOptional = (obj: Obj, key: string, list: unknown[]) => {
    if (list.length) obj[key] = list;
  };

  const control = (node: CatalogNodeInput, position?: number): Obj => {
    const out: Obj = { id: ids.get(node), title: line(node.title[lang]) };
    withOptional(out, 'props', nodeProps(node, position, true));
    withOptional(out, 'links', links(node));
    withOptional(out, 'parts', textParts(node, 'statement'));
    withOptional(
      out,
      'controls',
      (node.items ?? []).map((child) => control(child)),
    );
    return out;
  };

  const group = (node: CatalogNodeInput, position?: number): Obj => {
    const out: Obj = { id: ids.get(node), title: line(node.title[lang]) };
    withOptional(out, 'props', nodeProps(node, position, false));
    withOptional(out, 'links', links(node));
    withOptional(out, 'parts', textParts(node, 'overview'));
    const items = node.items ?? [];
    // The OSCAL JSON schema lets a group hold groups or controls, not both: a group mixing sub-headings and
    // controls writes them all as controls, the sub-headings marked assessable=false (the hierarchy survives).
    if (items.some(isAssessable) && !items.every(isAssessable))
      withOptional(
        out,
        'controls',
        items.map((child) => control(child)),
      );
    else {
      const { groups, controls } = split(items);
      withOptional(out, 'groups', groups);
      withOptional(out, 'controls', controls);
    }
    return out;
  };

  const split = (items: readonly CatalogNodeInput[]): { groups: Obj[]; controls: Obj[] } => {
    const groups: Obj[] = [];
    const controls: Obj[] = [];
    // Controls and groups are written apart; where both occur (the catalog's top level), a position prop keeps their order.
    const mixed = items.some(isAssessable) && !items.every(isAssessable);
    items.forEach((node, i) =>
      isAssessable(node)
        ? controls.push(control(node, mixed ? i : undefined))
        : groups.push(group(node, mixed ? i : undefined)),
    );
    return { groups, controls };
  };

  const publisher = propValue(doc.publisher[lang]);
  const partyUuid = uuidV5(TENKEN_NAMESPACE, `urn:tenken:party:${publisher}`);
  const published = publishedDateTime(doc.published);
  const metaProps: (Prop | undefined)[] = [
    ours('catalog-id', doc.id),
    ours('locale', lang),
    ours('text-kind', doc.text_kind),
    ours('published', doc.published),
    ...(doc.unverified ?? []).map((u) => ours('unverified', u)),
  ];
  const remarks = [doc.licence_note[lang], doc.description?.[lang]]
    .filter((t): t is string => t !== undefined)
    .join('\n\n');

  const metadata: Obj = { title: line(doc.title[lang]) };
  if (published) metadata.published = published;
  metadata['last-modified'] = opts.lastModified;
  metadata.version = doc.version;
  metadata['oscal-version'] = EXPORT_OSCAL_VERSION;
  metadata.props = metaProps.filter((p): p is Prop => p !== undefined);
  if (doc.source_url) metadata.links = [{ href: doc.source_url, rel: 'reference' }];
  metadata.roles = [{ id: 'creator', title: 'Document Creator' }];
  metadata.parties = [{ uuid: partyUuid, type: 'organization', name: publisher }];
  metadata['responsible-parties'] = [{ 'role-id': 'creator', 'party-uuids': [partyUuid] }];
  if (remarks !== '') metadata.remarks = remarks;

  const catalog: Obj = { uuid: uuidV5(TENKEN_NAMESPACE, `urn:tenken:catalog:${doc.id}:${doc.version}`), metadata };
  const { groups, controls } = split(doc.items);
  withOptional(catalog, 'controls', controls);
  withOptional(catalog, 'groups', groups);
  return { catalog };
}
