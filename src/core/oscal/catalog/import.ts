import { z } from 'zod';
import { formatPath, type CatalogDiagnostic } from '../../catalog/diagnostics';
import { CatalogDocument, CatalogId, type CatalogNodeInput, type LocalizedText } from '../../catalog/format';
import { DEFAULT_ANSWER_SCALE, slugifyCatalogId, type ImportMeta, type ImportResult } from '../../catalog/import-types';
import { checkCatalogSemantics } from '../../catalog/semantic';
import { TENKEN_OSCAL_NS } from '../constants';
import { asArray, collectParams, pickLabel, propsNamed, renderBlock, renderStatement, type ParamIndex } from './prose';
import { isRecord, KNOWN_FIELDS, textField, type Json } from './types';

/**
 * Reads an OSCAL 1.x catalog (JSON, already parsed) into a Tenken catalog document.
 *
 * groups → group nodes (assessable: false), controls → assessable nodes, control.controls (enhancements) →
 * child nodes under a control that stays assessable. Printed IDs come from the `label` prop (AC-2, AC-2(1)),
 * else the OSCAL id. Prose keeps its markup as literal text; parameter inserts become readable placeholders.
 * Never throws: bad input gives `ok: false` with keyed diagnostics (i18n keys under `catalogErrors.`).
 */
export function importOscalCatalog(json: unknown, meta: ImportMeta = {}): ImportResult {
  try {
    return new OscalReader().read(json, meta);
  } catch (e) {
    // Last resort (e.g. a pathological object handed in by a caller): report instead of throwing.
    return {
      ok: false,
      errors: [
        {
          severity: 'error',
          key: 'oscalUnreadable',
          params: { detail: e instanceof Error ? e.message : String(e) },
          path: '(root)',
        },
      ],
      warnings: [],
    };
  }
}

const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';
/** Same limit as the semantic check (src/core/catalog/semantic.ts); deeper input is refused, not recursed into. */
const MAX_DEPTH = 12;
const CONTROL_ID_MAX = 64;
const VERSION_MAX = 32;

const NEUTRAL_LICENCE: LocalizedText = {
  ja: 'OSCAL カタログから取り込み。ライセンスは発行者の定めるところによる。',
  en: 'Imported from an OSCAL catalog; licence as stated by its publisher.',
};
const UNKNOWN_PUBLISHER: LocalizedText = { ja: '不明', en: 'Unknown' };
const TEXT_KINDS = ['own-summary', 'own-guidance', 'official', 'mixed', 'user'] as const;
type TextKind = (typeof TEXT_KINDS)[number];

type Texts = Pick<CatalogNodeInput, 'description' | 'guidance' | 'provider_guidance' | 'evidence'>;
type Child = { node: CatalogNodeInput; position: number | undefined };

function sanitizeControlId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.normalize('NFKC').trim();
  let id = text
    .replace(/(?:\s|[^A-Za-z0-9._()-])+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, CONTROL_ID_MAX);
  // Dashes that only stand for dropped characters at the end go too ("第3条" → "3", not "3-").
  if (!text.endsWith('-')) id = id.replace(/-+$/, '');
  return id === '' ? undefined : id;
}

function sanitizeVersion(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, VERSION_MAX)
    .replace(/[-.]+$/, '');
  return v === '' ? undefined : v;
}

/** YYYY-MM-DD from an OSCAL date-time, as written (the publisher's local date). */
function dateOf(value: string | undefined): string | undefined {
  return value?.match(/^(\d{4}-\d{2}-\d{2})/)?.[1];
}

function both(text: string): LocalizedText {
  return { ja: text, en: text };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isRecord(value)) return Object.keys(value).slice(0, 3).join(', ') || 'object';
  return typeof value;
}

class OscalReader {
  private readonly errors: CatalogDiagnostic[] = [];
  private readonly warnings: CatalogDiagnostic[] = [];
  private readonly unknownSeen = new Set<string>();
  /** Printed ID → the path where it first appeared. */
  private readonly usedIds = new Map<string, string>();
  private params: ParamIndex = new Map();
  private generatedGroups = 0;
  private generatedControls = 0;
  private withdrawn = 0;
  private tooDeepReported = false;

  private error(key: string, path: string, params: Record<string, string | number> = {}) {
    this.errors.push({ severity: 'error', key, params, path });
  }

  private warn(key: string, path: string, params: Record<string, string | number> = {}) {
    this.warnings.push({ severity: 'warning', key, params, path });
  }

  /** At most one warning per distinct unknown field name in the whole file. */
  private checkKeys(obj: Json, kind: keyof typeof KNOWN_FIELDS, path: string) {
    const known: readonly string[] = KNOWN_FIELDS[kind];
    for (const key of Object.keys(obj)) {
      if (known.includes(key) || this.unknownSeen.has(key)) continue;
      this.unknownSeen.add(key);
      this.warn('oscalUnknownField', path, { field: key });
    }
  }

  /** An array field: absent → []; another type → a diagnostic and []. */
  private list(obj: Json, key: string, path: string, severity: 'error' | 'warning'): unknown[] {
    const v = obj[key];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    (severity === 'error' ? this.error : this.warn).call(this, 'oscalInvalidType', `${path}.${key}`, {
      field: key,
      expected: 'array',
      found: describe(v),
    });
    return [];
  }

  /**
   * A printed ID that another group or control already has is refused, as duplicates are in every other format
   * (naming the ID and where it first appeared); only an ID we generate ourselves is made unique.
   */
  private uniqueId(base: string, path: string, generated: boolean): string {
    const first = this.usedIds.get(base);
    if (first !== undefined && !generated) {
      this.error('oscalDuplicateId', path, { id: base, first });
      return base;
    }
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) {
      const suffix = `_${n}`;
      id = `${base.slice(0, CONTROL_ID_MAX - suffix.length)}${suffix}`;
    }
    this.usedIds.set(id, path);
    return id;
  }

  /** The printed ID: the label, else the OSCAL id, sanitized to our ControlId; it must be unique. */
  private printedId(
    obj: Json,
    path: string,
    generate: () => string,
  ): { id: string; label: string | undefined; oscalId: string | undefined } {
    const label = pickLabel(obj.props);
    const oscalId = textField(obj, 'id');
    const raw = label ?? oscalId;
    let base = sanitizeControlId(label) ?? sanitizeControlId(oscalId);
    const generated = base === undefined;
    if (base === undefined) {
      base = generate();
      this.warn('oscalMissingId', path, { id: base });
    } else if (raw !== undefined && base !== raw && sanitizeControlId(raw) === base) {
      this.warn('oscalIdSanitized', path, { id: raw, newId: base });
    }
    return { id: this.uniqueId(base, path, generated), label, oscalId };
  }

  private title(obj: Json, path: string, fallback: string): LocalizedText {
    const title = textField(obj, 'title');
    if (title !== undefined) return both(title);
    this.warn('oscalMissingTitle', `${path}.title`, { id: fallback });
    return both(fallback);
  }

  private ours(props: unknown, name: string): string | undefined {
    return propsNamed(props, name, TENKEN_OSCAL_NS)[0]?.value;
  }

  private checkParams(owner: Json, path: string) {
    this.list(owner, 'params', path, 'warning').forEach((p, i) => {
      if (isRecord(p)) this.checkKeys(p, 'param', `${path}.params[${i}]`);
    });
  }

  private checkParts(parts: unknown[], path: string, depth: number) {
    if (depth > MAX_DEPTH) return;
    parts.forEach((part, i) => {
      const at = `${path}.parts[${i}]`;
      if (!isRecord(part))
        return this.warn('oscalInvalidType', at, { field: 'parts', expected: 'object', found: describe(part) });
      this.checkKeys(part, 'part', at);
      this.checkParts(this.list(part, 'parts', at, 'warning'), at, depth + 1);
    });
  }

  /** description (overview parts, then the statement), guidance, and our own typical-evidence part. */
  private texts(owner: Json, path: string): Texts {
    const parts = this.list(owner, 'parts', path, 'warning');
    this.checkParts(parts, path, 0);
    const overviews: string[] = [];
    const statements: string[] = [];
    const guidance: string[] = [];
    const providerGuidance: string[] = [];
    const evidence: string[] = [];
    for (const part of parts) {
      if (!isRecord(part)) continue;
      const ns = typeof part.ns === 'string' ? part.ns : OSCAL_NS;
      if (ns === TENKEN_OSCAL_NS && part.name === 'typical-evidence') {
        for (const sub of asArray(part.parts)) {
          const item = isRecord(sub) ? textField(sub, 'prose') : undefined;
          if (item !== undefined) evidence.push(item);
        }
        const prose = textField(part, 'prose');
        if (prose !== undefined)
          evidence.push(
            ...prose
              .split('\n')
              .map((l) => l.trim())
              .filter((l) => l !== ''),
          );
        continue;
      }
      if (ns === TENKEN_OSCAL_NS && part.name === 'provider-guidance') {
        pushText(providerGuidance, renderBlock(part, this.params));
        continue;
      }
      if (ns !== OSCAL_NS) continue;
      if (part.name === 'statement') pushText(statements, renderStatement(part, this.params));
      else if (part.name === 'overview') pushText(overviews, renderBlock(part, this.params));
      else if (part.name === 'guidance') pushText(guidance, renderBlock(part, this.params));
    }
    const description = [...overviews, ...statements].join('\n\n');
    const out: Texts = {};
    if (description !== '') out.description = both(description);
    if (guidance.length) out.guidance = both(guidance.join('\n\n'));
    if (providerGuidance.length) out.provider_guidance = both(providerGuidance.join('\n\n'));
    if (evidence.length) out.evidence = { ja: evidence, en: [...evidence] };
    return out;
  }

  private tooDeep(path: string, depth: number): boolean {
    if (depth < MAX_DEPTH) return false;
    if (!this.tooDeepReported) this.error('tooDeep', path, { max: MAX_DEPTH });
    this.tooDeepReported = true;
    return true;
  }

  /** The controls, then the groups, of a catalog, group or control; in our own export's order when it says so. */
  private children(owner: Json, path: string, depth: number, withGroups: boolean): CatalogNodeInput[] {
    const out: Child[] = [];
    this.list(owner, 'controls', path, 'error').forEach((c, i) => {
      const child = this.control(c, `${path}.controls[${i}]`, depth);
      if (child) out.push(child);
    });
    if (withGroups) {
      this.list(owner, 'groups', path, 'error').forEach((g, i) => {
        const child = this.group(g, `${path}.groups[${i}]`, depth);
        if (child) out.push(child);
      });
    }
    if (out.length > 1 && out.every((c) => c.position !== undefined))
      out.sort((a, b) => (a.position as number) - (b.position as number));
    return out.map((c) => c.node);
  }

  private common(obj: Json, node: CatalogNodeInput): { position: number | undefined } {
    const mandatory = this.ours(obj.props, 'mandatory');
    if (mandatory === 'true' || mandatory === 'false') node.mandatory = mandatory === 'true';
    const excludable = this.ours(obj.props, 'excludable');
    if (excludable === 'true' || excludable === 'false') node.excludable = excludable === 'true';
    const weight = Number(this.ours(obj.props, 'weight'));
    if (Number.isFinite(weight) && weight > 0) node.weight = weight;
    const unverified = this.ours(obj.props, 'unverified');
    if (unverified !== undefined) node.unverified = unverified;
    const position = Number(this.ours(obj.props, 'position'));
    return { position: Number.isInteger(position) ? position : undefined };
  }

  private group(g: unknown, path: string, depth: number): Child | null {
    if (!isRecord(g)) {
      this.error('oscalInvalidType', path, { field: 'groups', expected: 'object', found: describe(g) });
      return null;
    }
    if (this.tooDeep(path, depth)) return null;
    this.checkKeys(g, 'group', path);
    this.checkParams(g, path);
    const { id, label, oscalId } = this.printedId(g, path, () => `G${++this.generatedGroups}`);
    const node: CatalogNodeInput = {
      id,
      title: this.title(g, path, label ?? oscalId ?? id),
      ...this.texts(g, path),
      assessable: false,
    };
    const { position } = this.common(g, node);
    const items = this.children(g, path, depth + 1, true);
    if (items.length) node.items = items;
    return { node, position };
  }

  private control(c: unknown, path: string, depth: number): Child | null {
    if (!isRecord(c)) {
      this.error('oscalInvalidType', path, { field: 'controls', expected: 'object', found: describe(c) });
      return null;
    }
    if (propsNamed(c.props, 'status').some((p) => p.value === 'withdrawn')) {
      this.withdrawn += countControls(c, 0);
      return null;
    }
    if (this.tooDeep(path, depth)) return null;
    this.checkKeys(c, 'control', path);
    this.checkParams(c, path);
    const { id, label, oscalId } = this.printedId(c, path, () => `C${++this.generatedControls}`);
    const node: CatalogNodeInput = { id, title: this.title(c, path, label ?? oscalId ?? id), ...this.texts(c, path) };
    const { position } = this.common(c, node);
    const items = this.children(c, path, depth + 1, false);
    if (this.ours(c.props, 'assessable') === 'false') node.assessable = false;
    else if (items.length) node.assessable = true;
    if (items.length) node.items = items;
    return { node, position };
  }

  read(json: unknown, meta: ImportMeta): ImportResult {
    if (!isRecord(json) || !isRecord(json.catalog)) {
      const found =
        isRecord(json) && json.catalog !== undefined ? `catalog: ${describe(json.catalog)}` : describe(json);
      this.error('oscalNotCatalog', isRecord(json) && json.catalog !== undefined ? 'catalog' : '(root)', { found });
      return this.result(undefined);
    }
    this.checkKeys(json, 'root', '(root)');
    const catalog = json.catalog;
    this.checkKeys(catalog, 'catalog', 'catalog');
    this.checkParams(catalog, 'catalog');
    this.params = collectParams(catalog);

    let md: Json = {};
    if (isRecord(catalog.metadata)) md = catalog.metadata;
    else this.error('oscalMissingField', 'catalog.metadata', { field: 'metadata' });
    if (isRecord(catalog.metadata)) this.checkKeys(md, 'metadata', 'catalog.metadata');

    const mdTitle = textField(md, 'title');
    const title = meta.title ?? (mdTitle !== undefined ? both(mdTitle.replace(/\s+/g, ' ')) : undefined);
    if (!title && isRecord(catalog.metadata))
      this.error('oscalMissingField', 'catalog.metadata.title', { field: 'metadata.title' });

    const ourCatalogId = this.ours(md.props, 'catalog-id');
    const id =
      meta.id ??
      (ourCatalogId !== undefined && CatalogId.safeParse(ourCatalogId).success
        ? ourCatalogId
        : slugifyCatalogId(title?.en ?? ''));

    const version = meta.version ?? sanitizeVersion(textField(md, 'version'));
    if (version === undefined && isRecord(catalog.metadata))
      this.error('oscalMissingField', 'catalog.metadata.version', { field: 'metadata.version' });

    const ourPublished = this.ours(md.props, 'published');
    const published =
      meta.published ??
      (ourPublished !== undefined && /^\d{4}-\d{2}(-\d{2})?$/.test(ourPublished) ? ourPublished : undefined) ??
      dateOf(textField(md, 'published')) ??
      dateOf(textField(md, 'last-modified'));
    if (published === undefined && isRecord(catalog.metadata))
      this.error('oscalMissingField', 'catalog.metadata.last-modified', { field: 'metadata.last-modified' });

    const textKind = this.ours(md.props, 'text-kind');
    const oscalVersion = textField(md, 'oscal-version');
    const remarks = textField(md, 'remarks');
    const intro: LocalizedText = oscalVersion
      ? {
          ja: `OSCAL ${oscalVersion} 形式のカタログから取り込み。`,
          en: `Imported from an OSCAL ${oscalVersion} catalog.`,
        }
      : { ja: 'OSCAL 形式のカタログから取り込み。', en: 'Imported from an OSCAL catalog.' };
    const unverified = propsNamed(md.props, 'unverified', TENKEN_OSCAL_NS).map((p) => p.value);

    const items = this.children(catalog, 'catalog', 0, true);
    if (items.length === 0 && this.errors.length === 0) this.error('oscalNoControls', 'catalog', {});
    if (this.withdrawn > 0) this.warn('oscalWithdrawnSkipped', 'catalog', { count: this.withdrawn });
    // OSCAL text carries no language: the same text fills both languages, said once for the file.
    this.warn('oscalSingleLanguage', '(root)', {});

    if (this.errors.length || !title || version === undefined || published === undefined) return this.result(undefined);
    const sourceUrl = findSourceUrl(md, catalog['back-matter']);
    const doc = {
      format: 'tenken-catalog/1' as const,
      id,
      version,
      title,
      publisher: meta.publisher ?? findPublisher(md) ?? UNKNOWN_PUBLISHER,
      published,
      ...(sourceUrl !== undefined ? { source_url: sourceUrl } : {}),
      licence_note: meta.licenceNote ?? NEUTRAL_LICENCE,
      text_kind: TEXT_KINDS.includes(textKind as TextKind) ? (textKind as TextKind) : ('official' as const),
      description: remarks ? { ja: `${intro.ja}\n\n${remarks}`, en: `${intro.en}\n\n${remarks}` } : intro,
      ...(unverified.length ? { unverified } : {}),
      answer_scale: DEFAULT_ANSWER_SCALE.map((a) => ({ ...a, label: { ...a.label } })),
      scoring: { method: 'percent' as const },
      items,
    };
    return this.result(doc);
  }

  private result(doc: unknown): ImportResult {
    if (doc === undefined || this.errors.length) return { ok: false, errors: this.errors, warnings: this.warnings };
    const parsed = CatalogDocument.safeParse(doc);
    if (!parsed.success) {
      const errors = parsed.error.issues.slice(0, 50).map((issue): CatalogDiagnostic => ({
        severity: 'error',
        key: 'schemaInvalid',
        params: { detail: issue.message },
        path: formatPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol')),
      }));
      return { ok: false, errors, warnings: this.warnings };
    }
    const found = checkCatalogSemantics(parsed.data);
    const errors = found.filter((d) => d.severity === 'error');
    const warnings = [...this.warnings, ...found.filter((d) => d.severity === 'warning')];
    return errors.length ? { ok: false, errors, warnings } : { ok: true, doc: parsed.data, warnings };
  }
}

function pushText(list: string[], text: string | undefined) {
  if (text !== undefined) list.push(text);
}

function countControls(c: Json, depth: number): number {
  if (depth > MAX_DEPTH) return 1;
  return 1 + asArray(c.controls).reduce<number>((n, sub) => n + (isRecord(sub) ? countControls(sub, depth + 1) : 0), 0);
}

/** The party in the creator role, else the first organization. */
function findPublisher(md: Json): LocalizedText | undefined {
  const parties = asArray(md.parties).filter(isRecord);
  const creator = asArray(md['responsible-parties'])
    .filter(isRecord)
    .find((rp) => rp['role-id'] === 'creator');
  const uuids = creator ? asArray(creator['party-uuids']) : [];
  const party =
    parties.find((p) => uuids.includes(p.uuid) && textField(p, 'name')) ??
    parties.find((p) => p.type === 'organization' && textField(p, 'name'));
  const name = party ? textField(party, 'name') : undefined;
  return name !== undefined ? both(name) : undefined;
}

const httpUrl = z.url({ protocol: /^https?$/ });

/** An absolute http(s) link from the metadata, directly or through a back-matter resource it points at. */
function findSourceUrl(md: Json, backMatter: unknown): string | undefined {
  const resources = isRecord(backMatter) ? asArray(backMatter.resources).filter(isRecord) : [];
  for (const link of asArray(md.links)) {
    if (!isRecord(link) || typeof link.href !== 'string') continue;
    const href = link.href.trim();
    if (httpUrl.safeParse(href).success) return href;
    if (href.startsWith('#')) {
      const res = resources.find((r) => r.uuid === href.slice(1));
      for (const rl of res ? asArray(res.rlinks) : []) {
        const h = isRecord(rl) && typeof rl.href === 'string' ? rl.href.trim() : '';
        if (httpUrl.safeParse(h).success) return h;
      }
    }
  }
  return undefined;
}
