// The copied-text guard: finds shipped catalog text that shares a run of EN_WORDS English words or JA_CHARS Japanese
// characters with an official statement, or a title equal to an official heading. Checked fields: the catalog's
// title and description; each profile's label and description; each answer value's description; each node's title,
// description, guidance, provider guidance and evidence (answer-scale labels, tag labels, licence and unverified notes
// are not checked). Used by test/catalogs/own-words.test.ts.
//
// Usage (writes the full hit list): node --import tsx scripts/own-words/check.ts [--catalogs <dir>] [out.txt]
// (--catalogs: check another checkout's catalogs/ directory with this fingerprint file.)
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  EN_WORDS,
  JA_CHARS,
  charShingles,
  englishWords,
  fingerprint,
  headingKeyEn,
  headingKeyJa,
  japaneseChars,
  parseFingerprintFile,
  wordShingles,
} from './shingles';

export type Hit = {
  /** catalog id@version */
  catalog: string;
  file: string;
  controlId: string;
  /** e.g. title.en, description.ja, evidence.en[2] */
  field: string;
  kind: 'run' | 'heading';
  /** the shared run (normalised) or the title that equals a heading */
  text: string;
};

type Texts = { ja?: unknown; en?: unknown };
type Node = {
  id?: string;
  title?: Texts;
  description?: Texts;
  guidance?: Texts;
  provider_guidance?: Texts;
  evidence?: Texts;
  items?: Node[];
};

/** Merges overlapping shingle hits into maximal runs: [first unit, last unit + 1). */
function runs(hits: boolean[], size: number): [number, number][] {
  const out: [number, number][] = [];
  hits.forEach((h, i) => {
    if (!h) return;
    const last = out[out.length - 1];
    if (last && i <= last[1]) last[1] = i + size;
    else out.push([i, i + size]);
  });
  return out;
}

export function checkText(
  text: string,
  locale: 'ja' | 'en',
  isTitle: boolean,
  prints: ReadonlySet<string>,
): { kind: Hit['kind']; text: string }[] {
  const out: { kind: Hit['kind']; text: string }[] = [];
  if (locale === 'en') {
    const norm = text.normalize('NFKC');
    const words = englishWords(text);
    for (const [a, b] of runs(
      wordShingles(words).map((h) => prints.has(h)),
      EN_WORDS,
    ))
      out.push({ kind: 'run', text: norm.slice(words[a]!.start, words[b - 1]!.end) });
    if (isTitle) {
      const k = headingKeyEn(text);
      if (k && prints.has(fingerprint('tw', k))) out.push({ kind: 'heading', text });
    }
  } else {
    const chars = japaneseChars(text);
    for (const [a, b] of runs(
      charShingles(chars).map((h) => prints.has(h)),
      JA_CHARS,
    ))
      out.push({ kind: 'run', text: chars.slice(a, b).join('') });
    if (isTitle) {
      const k = headingKeyJa(text);
      if (k && prints.has(fingerprint('tc', k))) out.push({ kind: 'heading', text });
    }
  }
  return out;
}

type Doc = Node & {
  id?: string;
  version?: string;
  profiles?: { id?: string; label?: Texts; description?: Texts }[];
  answer_scale?: { value?: string; description?: Texts }[];
};

export function checkCatalog(doc: Doc, file: string, prints: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  const catalog = `${doc.id}@${doc.version}`;
  const field = (controlId: string, name: string, value: Texts | undefined, isTitle: boolean) => {
    for (const locale of ['ja', 'en'] as const) {
      const v = value?.[locale];
      const list = Array.isArray(v) ? v : [v];
      list.forEach((t, i) => {
        if (typeof t !== 'string') return;
        const f = Array.isArray(v) ? `${name}.${locale}[${i}]` : `${name}.${locale}`;
        for (const h of checkText(t, locale, isTitle, prints)) hits.push({ catalog, file, controlId, field: f, ...h });
      });
    }
  };
  field('(catalog)', 'title', doc.title, true);
  field('(catalog)', 'description', doc.description, false);
  for (const p of doc.profiles ?? []) {
    field(`(profile ${p.id})`, 'label', p.label, true);
    field(`(profile ${p.id})`, 'description', p.description, false);
  }
  // answer-scale labels are exempt (they are the standards' own response names); their descriptions are checked
  for (const a of doc.answer_scale ?? []) field(`(answer ${a.value})`, 'description', a.description, false);
  const walk = (items: Node[] | undefined) => {
    for (const n of items ?? []) {
      const id = String(n.id);
      field(id, 'title', n.title, true);
      field(id, 'description', n.description, false);
      field(id, 'guidance', n.guidance, false);
      field(id, 'provider_guidance', n.provider_guidance, false);
      field(id, 'evidence', n.evidence, false);
      walk(n.items);
    }
  };
  walk(doc.items);
  return hits;
}

export const FINGERPRINT_FILE = join(__dirname, 'official-fingerprints.txt');
export const CATALOGS_DIR = join(__dirname, '../../catalogs');

/** Every catalogs/<id>/<version>.yaml (not the mappings or the schema). */
export function shippedCatalogFiles(dir = CATALOGS_DIR): string[] {
  return readdirSync(dir)
    .filter((d) => d !== 'mappings' && d !== 'schema' && statSync(join(dir, d)).isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, d, f)),
    )
    .sort();
}

export function checkShippedCatalogs(
  prints: ReadonlySet<string> = parseFingerprintFile(readFileSync(FINGERPRINT_FILE, 'utf8')),
  dir = CATALOGS_DIR,
): Hit[] {
  return shippedCatalogFiles(dir).flatMap((f) =>
    checkCatalog(parse(readFileSync(f, 'utf8')) as Doc, relative(join(dir, '..'), f).split('\\').join('/'), prints),
  );
}

export const formatHit = (h: Hit): string =>
  `${h.catalog}\t${h.controlId}\t${h.field}\t${h.kind === 'heading' ? 'title equals an official heading' : 'shared run'}\t${h.text}`;

export function formatReport(hits: readonly Hit[]): string {
  const byCatalog = new Map<string, number>();
  for (const h of hits) byCatalog.set(h.catalog, (byCatalog.get(h.catalog) ?? 0) + 1);
  return [
    `# Copied-text guard: ${hits.length} hits (runs of ${EN_WORDS}+ English words or ${JA_CHARS}+ Japanese characters shared with`,
    '# official statements, or titles equal to official headings). Built by scripts/own-words/check.ts; check another',
    '# checkout with: node --import tsx scripts/own-words/check.ts --catalogs <that checkout>/catalogs out.txt',
    `# per catalog: ${[...byCatalog].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
    '# catalog\tcontrol\tfield\tkind\ttext (normalised run)',
    ...hits.map(formatHit),
    '',
  ].join('\n');
}

if (basename(process.argv[1] ?? '') === 'check.ts') {
  const args = process.argv.slice(2);
  const at = args.indexOf('--catalogs');
  const dir = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const hits = checkShippedCatalogs(undefined, dir ?? CATALOGS_DIR);
  const report = formatReport(hits);
  const out = args[0];
  if (out) {
    writeFileSync(out, report);
    console.log(`wrote ${out} (${dirname(out)}): ${hits.length} hits`);
  } else process.stdout.write(report);
}
