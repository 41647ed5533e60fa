import { isRecord, textField, type Json } from './types';

/** OSCAL's own namespace; props without `ns` are in it too. */
const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';

export type ParamIndex = Map<string, Json>;

const INSERT = /\{\{\s*insert:\s*([A-Za-z0-9_-]+)\s*,\s*([^\s}]+)\s*\}\}/g;
/** How deep parameter inserts inside selection choices are resolved (the top level plus one nested level). */
const MAX_PARAM_DEPTH = 2;
/** Recursion guard for nested parts (JSON handed in by a caller could be arbitrarily deep). */
const MAX_PART_DEPTH = 32;

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every param in the catalog by id (catalog, group and control level), so prose anywhere can refer to any of them. */
export function collectParams(catalog: Json): ParamIndex {
  const index: ParamIndex = new Map();
  const addParams = (owner: Json) => {
    for (const p of asArray(owner.params)) {
      if (!isRecord(p)) continue;
      const id = textField(p, 'id');
      if (id && !index.has(id)) index.set(id, p);
    }
  };
  const visit = (owner: Json, depth: number) => {
    if (depth > MAX_PART_DEPTH) return;
    addParams(owner);
    for (const c of asArray(owner.controls)) if (isRecord(c)) visit(c, depth + 1);
    for (const g of asArray(owner.groups)) if (isRecord(g)) visit(g, depth + 1);
  };
  visit(catalog, 0);
  return index;
}

/** The props named `name` in OSCAL's namespace (or `ns` when given), as { value, class }. */
export function propsNamed(props: unknown, name: string, ns = OSCAL_NS): { value: string; cls: string | undefined }[] {
  const out: { value: string; cls: string | undefined }[] = [];
  for (const p of asArray(props)) {
    if (!isRecord(p) || p.name !== name) continue;
    const pns = typeof p.ns === 'string' ? p.ns : OSCAL_NS;
    if (pns !== ns) continue;
    const value = textField(p, 'value');
    if (value !== undefined) out.push({ value, cls: typeof p.class === 'string' ? p.class : undefined });
  }
  return out;
}

/**
 * The printed label of a control, group or part: NIST gives several (AC-2, and AC-02 classed zero-padded and
 * sp800-53a); the unclassed one is the one printed in the publication, so it wins.
 */
export function pickLabel(props: unknown): string | undefined {
  const rank = (cls: string | undefined) =>
    cls === undefined ? 0 : cls === 'sp800-53a' ? 1 : cls === 'zero-padded' ? 2 : 3;
  let best: { value: string; r: number } | undefined;
  for (const l of propsNamed(props, 'label')) {
    const r = rank(l.cls);
    if (!best || r < best.r) best = { value: l.value, r };
  }
  return best?.value;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A readable placeholder for a parameter, e.g. "[Assignment: frequency]" or "[Selection (one or more): a; b]". */
function renderParam(id: string, params: ParamIndex, depth: number, seen: ReadonlySet<string>): string {
  const p = params.get(id);
  if (!p) return `[${id}]`;
  const label = textField(p, 'label');
  if (seen.has(id) || depth >= MAX_PARAM_DEPTH) return `[${label ? oneLine(label) : id}]`;
  const values = asArray(p.values).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (values.length)
    return values.map((v) => oneLine(renderProse(v, params, depth + 1, new Set([...seen, id])))).join(', ');
  const select = isRecord(p.select) ? p.select : undefined;
  if (label) return `[${select ? 'Selection' : 'Assignment'}: ${oneLine(label)}]`;
  if (select) {
    const next = new Set([...seen, id]);
    const choices = asArray(select.choice)
      .filter((c): c is string => typeof c === 'string')
      .map((c) => oneLine(renderProse(c, params, depth + 1, next)))
      .filter((c) => c !== '');
    const how = select['how-many'] === 'one-or-more' ? ' (one or more)' : '';
    return choices.length ? `[Selection${how}: ${choices.join('; ')}]` : `[${id}]`;
  }
  const guidelines = asArray(p.guidelines)
    .map((g) => (isRecord(g) ? textField(g, 'prose') : undefined))
    .filter((g): g is string => g !== undefined)
    .map(oneLine);
  if (guidelines.length) return `[Assignment: ${guidelines.join(' ')}]`;
  return `[${id}]`;
}

/** Replaces `{{ insert: param, id }}` with readable placeholders; markup otherwise stays literal text. */
export function renderProse(
  text: string,
  params: ParamIndex,
  depth = 0,
  seen: ReadonlySet<string> = new Set(),
): string {
  return text.replace(INSERT, (_m, kind: string, id: string) =>
    kind === 'param' ? renderParam(id, params, depth, seen) : `[${id}]`,
  );
}

function partProse(part: Json, params: ParamIndex): string | undefined {
  const prose = typeof part.prose === 'string' ? renderProse(part.prose, params).trim() : '';
  return prose === '' ? undefined : prose;
}

/** Statement items as "a. …\n  1. …", using each item's label prop. */
function renderItems(parts: unknown, params: ParamIndex, indent: number): string[] {
  if (indent > MAX_PART_DEPTH) return [];
  const lines: string[] = [];
  for (const part of asArray(parts)) {
    if (!isRecord(part)) continue;
    const head = [pickLabel(part.props), textField(part, 'title'), partProse(part, params)]
      .filter((s) => s !== undefined)
      .join(' ');
    if (head !== '') lines.push(`${'  '.repeat(indent)}${head}`);
    lines.push(...renderItems(part.parts, params, indent + 1));
  }
  return lines;
}

/** A statement: its prose, then its items one per line. */
export function renderStatement(part: Json, params: ParamIndex): string | undefined {
  const text = [partProse(part, params), ...renderItems(part.parts, params, 0)]
    .filter((s) => s !== undefined)
    .join('\n');
  return text === '' ? undefined : text;
}

/** Guidance or an overview: its prose and its sub-parts' text as paragraphs. */
export function renderBlock(part: Json, params: ParamIndex, depth = 0): string | undefined {
  if (depth > MAX_PART_DEPTH) return undefined;
  const paras: string[] = [];
  const head = [pickLabel(part.props), depth > 0 ? textField(part, 'title') : undefined]
    .filter((s) => s !== undefined)
    .join(' ');
  const prose = partProse(part, params);
  // A block's label or title reads as its heading ("Other information"), on its own line.
  if (head !== '' && prose !== undefined) paras.push(`${head}\n${prose}`);
  else if (head !== '') paras.push(head);
  else if (prose !== undefined) paras.push(prose);
  for (const sub of asArray(part.parts)) {
    if (!isRecord(sub)) continue;
    const text = sub.name === 'item' ? renderItems([sub], params, 0).join('\n') : renderBlock(sub, params, depth + 1);
    if (text) paras.push(text);
  }
  const text = paras.join('\n\n');
  return text === '' ? undefined : text;
}
