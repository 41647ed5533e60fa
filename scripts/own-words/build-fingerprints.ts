// Builds scripts/own-words/official-fingerprints.txt: truncated SHA-256 fingerprints of the official statements and
// headings that shipped catalog text must not copy (see scripts/own-words/README.md). The official texts themselves
// stay OUT of the repository: this script reads them from local copies of public sources and writes hashes only.
//
// Inputs (pinned; the script reads each with `git show <commit>:<path>` from a local clone or mirror):
//   1. intuitem/ciso-assistant-community @ f990d7b1b9a9f56e391acbc247c9076262a11412
//      - backend/library/libraries/pcidss-4_0.yaml   PCI DSS v4.0.1 goals, requirements and all sub-requirement
//        statements (English; the French translation is ignored). © PCI SSC.
//      - backend/library/libraries/iso27001-2013.yaml ISO/IEC 27001:2013 Annex A headings (= ISO/IEC 27002:2013
//        clause, objective and control headings; the file carries headings only, no control text). © ISO/IEC.
//      (ISO/IEC 27002:2022 headings are deliberately not used: no shipped catalog follows 2022, and its short generic
//      headings, e.g. "Storage media", would flag ordinary titles.)
//   2. ComplianceAsCode/content @ b3a2cca9352cbcefb7f00d770bfd6f679da18d6a
//      - controls/pcidss_3.yml  PCI DSS v3.2.1 sub-requirement statements and notes (titles, descriptions).
//      - controls/pcidss_4.yml  PCI DSS v4.0 statements as ComplianceAsCode quotes them (titles, descriptions).
//   3. The project's reference notes /work/shared/reference/catalog-facts.md (outside the repository):
//      ISO/IEC 27002:2005 objective and control headings (English) and JIS Q 27002:2006 objective headings
//      (Japanese) in §2(c); the 114 ISO/IEC 27002:2013 control headings again in §1(c) (the CISO Assistant file
//      misspells or abbreviates a few, e.g. A.12.6.1, A.18.1.4); ISO/IEC 27017 cloud control headings in §1(c); PCI DSS principal-requirement titles
//      of v4.0.1 and v3.2.1 in §3(c). Those headings are recorded there from memory/secondary sources [M]/[V2].
// No Japanese translation of PCI DSS or of the ISO/IEC 27002 control text was found in any of these sources, so the
// Japanese check covers only the Japanese headings of input 3 (see the README).
//
// Usage: node --import tsx scripts/own-words/build-fingerprints.ts \
//          --ciso /work/.mirror/intuitem+ciso-assistant-community/repo \
//          --cac /work/.mirror/ComplianceAsCode+content/repo \
//          --facts /work/shared/reference/catalog-facts.md
// (--ciso/--cac: a git directory or a clone containing the pinned commits.)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatFingerprintFile, officialFingerprints } from './shingles';

export const SOURCES = {
  ciso: { repo: 'intuitem/ciso-assistant-community', commit: 'f990d7b1b9a9f56e391acbc247c9076262a11412' },
  cac: { repo: 'ComplianceAsCode/content', commit: 'b3a2cca9352cbcefb7f00d770bfd6f679da18d6a' },
} as const;

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) throw new Error(`missing --${name} <path> (see the header of this script)`);
  return v;
}

const gitShow = (gitDir: string, commit: string, path: string): string =>
  execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });

function gitDirOf(p: string): string {
  try {
    execFileSync('git', ['--git-dir', join(p, '.git'), 'rev-parse'], { stdio: 'ignore' });
    return join(p, '.git');
  } catch {
    return p;
  }
}

type Unit = { source: string; text: string };
const units: Unit[] = [];
const add = (source: string, text: unknown) => {
  if (typeof text !== 'string') return;
  const t = text.trim();
  if (t) units.push({ source, text: t });
};
const stripLeadingId = (s: string) => s.replace(/^\s*(Req-)?[A-Z]?\d+(\.\d+)*\.?\s+/, '');

// 1. CISO Assistant libraries
const ciso = gitDirOf(arg('ciso'));
type CisoNode = { ref_id?: string; name?: string; description?: string };
const cisoNodes = (path: string): CisoNode[] =>
  (parse(gitShow(ciso, SOURCES.ciso.commit, path)) as { objects: { framework: { requirement_nodes: CisoNode[] } } })
    .objects.framework.requirement_nodes;
const pci4 = cisoNodes('backend/library/libraries/pcidss-4_0.yaml');
for (const n of pci4) {
  add('pci4', n.name);
  add('pci4', n.description);
}
const iso13 = cisoNodes('backend/library/libraries/iso27001-2013.yaml').filter((n) => /^A\.\d/.test(n.ref_id ?? ''));
for (const n of iso13) add('iso27002-2013', n.name);

// 2. ComplianceAsCode control files
const cac = gitDirOf(arg('cac'));
type CacControl = { id?: string; title?: string; description?: string; controls?: CacControl[] };
function walkCac(list: CacControl[] | undefined, source: string): number {
  let n = 0;
  for (const c of list ?? []) {
    add(source, typeof c.title === 'string' ? stripLeadingId(c.title) : undefined);
    add(source, c.description);
    n += 1 + walkCac(c.controls, source);
  }
  return n;
}
const cac3 = walkCac(
  (parse(gitShow(cac, SOURCES.cac.commit, 'controls/pcidss_3.yml')) as { controls: CacControl[] }).controls,
  'pci3.2.1',
);
const cac4 = walkCac(
  (parse(gitShow(cac, SOURCES.cac.commit, 'controls/pcidss_4.yml')) as { controls: CacControl[] }).controls,
  'pci4-cac',
);

// 3. Headings from the project's reference notes (markdown tables)
const facts = readFileSync(arg('facts'), 'utf8');
const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
const section = (from: string, to: string) => {
  const a = facts.indexOf(from);
  const b = facts.indexOf(to, a + 1);
  if (a < 0 || b < 0) throw new Error(`catalog-facts.md: section "${from}" not found`);
  return facts.slice(a, b).split('\n');
};
let iso05 = 0;
for (const line of section('| Clause | Objective (ID)', '### (d) Machine-readable')) {
  const c = cells(line);
  if (c.length < 5 || !/^\d+\.\d+$/.test(c[1]!)) continue;
  add('iso27002-2005', c[2]);
  add('jis-q-27002-2006', c[3]);
  iso05++;
  for (const part of c[4]!.replace(/\(\d+\)\s*$/, '').split(';')) {
    add('iso27002-2005', stripLeadingId(part.trim()));
    iso05++;
  }
}
let iso13facts = 0;
for (const line of section('| Clause | 統制目標 IDs', 'Plus 7 cloud')) {
  const c = cells(line);
  if (c.length !== 3 || !/^\d+$/.test(c[0]!)) continue;
  for (const part of c[1]!.split(';')) {
    add('iso27002-2013', stripLeadingId(part.trim()));
    iso13facts++;
  }
}
let cld = 0;
for (const line of section('Plus 7 cloud 統制目標', 'GitLab')) {
  const c = cells(line);
  if (c.length === 2 && /^\d/.test(c[0]!)) {
    add('iso27017', c[1]);
    cld++;
  }
}
let pciTitles = 0;
for (const line of section('The 12 principal requirements:', 'Sources for the v3.2.1 titles')) {
  const c = cells(line);
  if (c.length < 3 || !(/^\d+$/.test(c[0]!) || c[0] === 'Goal')) continue;
  add('pci4-title', c[1]);
  if (c[2] !== '(same)') add('pci3.2.1-title', c[2]);
  pciTitles++;
}

const counts = { pci4: pci4.length, iso13: iso13.length, cac3, cac4, iso05, iso13facts, cld, pciTitles };
const expect = (ok: boolean, what: string) => {
  if (!ok) throw new Error(`unexpected input: ${what} ${JSON.stringify(counts)}`);
};
expect(pci4.length === 373, 'PCI DSS 4.0.1 library should have 373 nodes');
expect(iso13.length === 163, 'ISO 27001:2013 Annex A should have 14 + 35 + 114 headings');
expect(iso13facts === 114, 'catalog-facts §1(c) should list the 114 ISO/IEC 27002:2013 controls');
expect(iso05 === 39 + 133, 'ISO 27002:2005 should have 39 objectives and 133 controls');
expect(cld === 7 && pciTitles === 18, '7 cloud headings and 12 + 6 PCI titles');
expect(cac3 > 200 && cac4 > 300, 'ComplianceAsCode PCI files look complete');

const hashes = units.flatMap((u) => officialFingerprints(u.text));
const out = join(__dirname, 'official-fingerprints.txt');
writeFileSync(
  out,
  formatFingerprintFile(hashes, [
    'Fingerprints only: no official text. Built by scripts/own-words/build-fingerprints.ts; sources and rebuild steps',
    'in scripts/own-words/README.md.',
    `inputs: ${SOURCES.ciso.repo}@${SOURCES.ciso.commit} (pcidss-4_0.yaml, iso27001-2013.yaml);`,
    `${SOURCES.cac.repo}@${SOURCES.cac.commit} (controls/pcidss_3.yml, controls/pcidss_4.yml); catalog-facts.md headings`,
    `text units: ${units.length} (${JSON.stringify(counts)})`,
  ]),
);
console.log(
  `wrote ${out}: ${new Set(hashes).size} fingerprints from ${units.length} text units ${JSON.stringify(counts)}`,
);
