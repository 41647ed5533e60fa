import type { Localized } from '../assessment/records';
import type { Rollup, RollupCell } from '../assessment/rollup';
import { fitText } from '../util/fit-text';
import { zonedTime } from '../util/zoned-time';
import { ROLLUP_WORDING } from '../wording/rollup';
import { formatDate, type DateStyle } from './dates';
import { fillLabel, REPORT_LABELS, type ReportLanguage } from './labels';
import { controlHeading, formatTimestamp, groupDigits, type KeyValue } from './model';

/**
 * The roll-up as a printable document (issue #13: "a view and a report section"): every text the PDF prints, in
 * one language, from the same figures as the roll-up screen and workbook (core/assessment/rollup.ts). Pure.
 *
 * An auditor reading it must be able to tell which assessments were compared and in which state: the cover names
 * each one with organization, period, status, catalog version and its history head (its last history entry, number
 * and hash), and states whether the workspace's history check passed when the document was made. Scores are
 * printed per group with one column per assessment; tables wider than `COLUMNS_PER_TABLE` assessments are split
 * into several tables (one after the other), so a 20-assessment roll-up stays readable on A4 instead of shrinking
 * its text.
 */

export const COLUMNS_PER_TABLE = 5;

export type RollupReportInput = {
  rollup: Rollup;
  catalog: { catalogId: string; title: Localized };
  /** Each member's own chain head, in member order. */
  heads: readonly { seq: number; hash: string }[];
  /** The history check made for this document (chain, replay of the members, kept heads). */
  audit: { ok: boolean; entries: number; head: string | null; brokenAt: number | null };
  lang: ReportLanguage;
  marking?: string | undefined;
  generatedAt: string;
  timeZone: string;
  dateStyle?: DateStyle | undefined;
  appVersion: string;
};

export type MatrixColumn = { lines: string[] };
export type MatrixRow = { label: string; cells: string[]; ratios: (number | null)[]; strong?: boolean };
export type MatrixTable = { heading: string; columns: MatrixColumn[]; rows: MatrixRow[] };

export type RollupReportModel = {
  lang: ReportLanguage;
  title: string;
  marking: string;
  header: { text: string; date: string };
  cover: { title: string; subtitle: string; fields: KeyValue[]; note: string };
  members: {
    heading: string;
    note: string;
    labels: {
      no: string;
      organization: string;
      name: string;
      period: string;
      status: string;
      version: string;
      head: string;
    };
    rows: {
      no: string;
      organization: string;
      name: string;
      period: string;
      status: string;
      version: string;
      head: string;
    }[];
  };
  scores: MatrixTable[];
  scoreRule: string;
  organizations: MatrixTable[];
  weak: {
    heading: string;
    labels: { controlId: string; title: string; weakIn: string; answeredIn: string; inScope: string };
    rows: { controlId: string; title: string; weak: string; answered: string; inScope: string }[];
    empty: string;
    rule: string;
  };
};

const oneDecimal = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

/** `[0..n)` in chunks of `size`: the member columns of each printed table. */
function chunks(n: number, size: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let from = 0; from < n; from += size) out.push({ from, to: Math.min(n, from + size) });
  return out.length ? out : [{ from: 0, to: 0 }];
}

export function buildRollupReportModel(input: RollupReportInput): RollupReportModel {
  const { rollup: r, lang } = input;
  const W = ROLLUP_WORDING[lang];
  const L = REPORT_LABELS[lang];
  const style = input.dateStyle ?? 'iso';
  const loc = (t: Localized) => t[lang] || t.ja || t.en;
  const catalogTitle = loc(input.catalog.title);
  const marking = input.marking ?? L.defaultMarking;
  const title = fillLabel(L.headerLine, { organization: W.reportTitle, title: catalogTitle });
  const statusWord: Record<string, string> = {
    draft: L.statusDraft,
    in_review: L.statusInReview,
    final: L.statusFinal,
  };
  const score = (c: RollupCell | null) =>
    c === null || c.score === null
      ? L.none
      : fillLabel(r.method === 'points' ? L.points : L.percent, { value: oneDecimal(c.score) });
  const period = (m: { periodStart: string | null; periodEnd: string | null }) =>
    m.periodStart && m.periodEnd
      ? fillLabel(L.periodRange, { start: formatDate(m.periodStart, style), end: formatDate(m.periodEnd, style) })
      : m.periodStart || m.periodEnd
        ? formatDate((m.periodStart ?? m.periodEnd) as string, style)
        : W.noPeriod;
  const orgName = (o: string | null) => o ?? W.noOrganization;
  const groupLabel = (g: { controlId: string; title: Localized }) => controlHeading(g.controlId, loc(g.title));
  const versions = [...new Set(r.members.map((m) => m.version))];

  const memberColumns: MatrixColumn[] = r.members.map((m, i) => ({
    lines: [`${i + 1}. ${orgName(m.organization)}`, m.name, m.periodEnd ?? m.periodStart ?? ''].filter(Boolean),
  }));
  const scores: MatrixTable[] = chunks(r.members.length, COLUMNS_PER_TABLE).map(({ from, to }, _, all) => {
    const pick = <T>(xs: readonly T[]) => xs.slice(from, to);
    const answered = pick(r.members).map((m) =>
      m.overall.complete || m.overall.score === null
        ? `${m.overall.answered} / ${m.overall.total}`
        : `${m.overall.answered} / ${m.overall.total} ${W.provisionalMark}`,
    );
    return {
      heading: all.length > 1 ? fillLabel(W.scoresPart, { from: from + 1, to }) : W.scoresHeading,
      columns: pick(memberColumns),
      rows: [
        {
          label: W.overall,
          cells: pick(r.members).map((m) => score(m.overall)),
          ratios: pick(r.members).map((m) => m.overall.ratio),
          strong: true,
        },
        ...r.groups.map((g) => ({
          label: groupLabel(g),
          cells: pick(g.cells).map(score),
          ratios: pick(g.cells).map((c) => c?.ratio ?? null),
        })),
        { label: W.answered, cells: answered, ratios: answered.map(() => null) },
        {
          label: W.status,
          cells: pick(r.members).map((m) => statusWord[m.status] ?? m.status),
          ratios: pick(r.members).map(() => null),
        },
      ],
    };
  });
  const orgColumns: MatrixColumn[] = r.organizations.map((o) => ({
    lines: [orgName(o.name), `${W.memberCount} ${o.members}`],
  }));
  const organizations: MatrixTable[] = chunks(r.organizations.length, COLUMNS_PER_TABLE).map(({ from, to }) => {
    const orgs = r.organizations.slice(from, to);
    return {
      heading: W.organizationsHeading,
      columns: orgColumns.slice(from, to),
      rows: [
        {
          label: W.overall,
          cells: orgs.map((o) => score(o.overall)),
          ratios: orgs.map((o) => o.overall.ratio),
          strong: true,
        },
        ...r.groups.map((g, gi) => ({
          label: groupLabel(g),
          cells: orgs.map((o) => score(o.groups[gi] ?? null)),
          ratios: orgs.map((o) => o.groups[gi]?.ratio ?? null),
        })),
      ],
    };
  });

  const zoned = zonedTime(input.generatedAt, input.timeZone);
  const a = input.audit;
  return {
    lang,
    title,
    marking,
    header: {
      text: fitText(title, 58),
      date: formatDate(zoned?.date ?? input.generatedAt.slice(0, 10), style),
    },
    cover: {
      title: W.reportTitle,
      subtitle: catalogTitle,
      fields: [
        { label: W.catalog, value: `${catalogTitle} (${input.catalog.catalogId})` },
        { label: W.catalogVersion, value: versions.join(', ') || L.none },
        { label: W.members, value: String(r.members.length) },
        { label: W.organizationCount, value: String(r.organizations.length) },
        { label: W.generatedAt, value: formatTimestamp(input.generatedAt, style, input.timeZone), timestamp: true },
        {
          label: W.historyCheck,
          value: a.ok
            ? fillLabel(W.historyIntact, { entries: groupDigits(a.entries) })
            : fillLabel(W.historyBroken, { seq: a.brokenAt ?? '?' }),
        },
        { label: W.workspaceHead, value: a.ok && a.head ? a.head : L.none },
        { label: L.appVersion, value: `Tenken ${input.appVersion}` },
      ],
      note: W.textKindNote,
    },
    members: {
      heading: W.membersHeading,
      note: W.membersNote,
      labels: {
        no: '#',
        organization: W.organization,
        name: W.assessment,
        period: W.period,
        status: W.status,
        version: W.version,
        head: W.historyHead,
      },
      rows: r.members.map((m, i) => {
        const h = input.heads[i];
        return {
          no: String(i + 1),
          organization: orgName(m.organization),
          name: m.name,
          period: period(m),
          status: statusWord[m.status] ?? m.status,
          version: m.version,
          head: h ? `#${h.seq} ${h.hash}` : L.none,
        };
      }),
    },
    scores,
    scoreRule: W.scoreRule,
    organizations,
    weak: {
      heading: W.weakHeading,
      labels: {
        controlId: W.controlId,
        title: W.controlTitle,
        weakIn: W.weakIn,
        answeredIn: W.answeredIn,
        inScope: W.inScope,
      },
      rows: r.weakEverywhere.map((c) => ({
        controlId: c.controlId,
        title: loc(c.title),
        weak: String(c.weak),
        answered: String(c.answered),
        inScope: String(c.inScope),
      })),
      empty: W.noWeak,
      rule: W.weakRule,
    },
  };
}
