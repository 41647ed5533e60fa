import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { DiagnosticView, ImportPreview, TextEncodingName } from '../../../shared/api/types';
import { call } from '../../api/dispatch';
import { requireOption, type CliArgs } from '../args';
import { emit, type CommandTable, type Out } from '../command-types';
import { table } from '../format';

const FORMATS = ['yaml', 'json', 'oscal', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const ENCODINGS: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
};

/** `--encoding` for text files: utf-8, utf-16le, utf-16be or shift_jis (also cp932, sjis, utf8…); absent: detected. */
function encodingOption(value: unknown): TextEncodingName | undefined {
  if (value === undefined) return undefined;
  const e = typeof value === 'string' ? ENCODINGS[value.toLowerCase()] : undefined;
  if (!e) throw new AppError('bad_input', 'usage', { detail: '--encoding utf-8|utf-16le|utf-16be|shift_jis' });
  return e;
}

/**
 * Reads a catalog file for the API, size-checked first. Every file travels as its bytes (base64): main reads XLSX
 * and decodes text itself, detecting UTF-8 (BOM or not), UTF-16 and Shift_JIS/cp932 unless `--encoding` says.
 */
export function readCatalogFile(file: string, formatOption: unknown, encoding?: unknown) {
  if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
  const size = statSync(file).size;
  if (size > MAX_IMPORT_BYTES)
    throw new AppError('bad_input', 'fileTooLarge', { file, limitMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (formatOption !== undefined && !FORMATS.includes(formatOption as Format))
    throw new AppError('bad_input', 'usage', { detail: `--format ${FORMATS.join('|')}` });
  const textEncoding = encodingOption(encoding);
  return {
    fileName: basename(file),
    content: readFileSync(file).toString('base64'),
    encoding: 'base64' as const,
    ...(formatOption !== undefined ? { format: formatOption as Format } : {}),
    ...(textEncoding ? { textEncoding } : {}),
  };
}

function describe(out: Out, file: string, d: DiagnosticView): string {
  const where = d.line ? `${file}:${d.line}:${d.column ?? 1}` : file;
  return `${where}: ${d.severity === 'error' ? out.t('cli.error') : out.t('cli.warning')}: ${d.path}: ${out.t(`catalogErrors.${d.key}`, { ...d.params, defaultValue: d.key })}`;
}

function printPreview(out: Out, file: string, p: ImportPreview): void {
  printEncoding(out, p);
  for (const d of [...p.errors, ...p.warnings.slice(0, 50)]) out.print(describe(out, file, d));
  if (p.warnings.length > 50) out.print(out.t('cli.moreWarnings', { n: p.warnings.length - 50 }));
  printPresetSummary(out, p);
  if (p.catalog)
    out.print(
      out.t('cli.catalogSummary', {
        id: p.catalog.catalogId,
        version: p.catalog.version,
        title: p.catalog.title[out.lang],
        nodes: p.catalog.nodeCount,
        assessable: p.catalog.assessableCount,
        depths: p.catalog.depthCounts.join(' / '),
      }),
    );
}

/** The encoding a text file was read in, when it is worth saying: anything but plain UTF-8, or any CSV. */
function printEncoding(out: Out, p: ImportPreview): void {
  const e = p.encoding;
  if (!e || (p.format !== 'csv' && e.name === 'utf-8' && !e.bom && e.detected)) return;
  out.print(
    out.t('cli.encoding', {
      name: out.t(`ui.import.encodingName.${e.name}`),
      bom: e.bom ? out.t('ui.import.encodingBom') : '',
      how: out.t(e.detected ? 'ui.import.encodingDetected' : 'ui.import.encodingChosen'),
    }),
  );
}

const PRESETS = ['ismap'] as const;
function presetOption(args: CliArgs): { preset?: (typeof PRESETS)[number] } {
  const p = args.options.preset;
  if (p === undefined) return {};
  if (!PRESETS.includes(p as (typeof PRESETS)[number]))
    throw new AppError('bad_input', 'usage', { detail: `--preset ${PRESETS.join('|')}` });
  return { preset: p as (typeof PRESETS)[number] };
}

/** What a preset found, per sheet, in a few lines (the same figures the import page shows). */
function printPresetSummary(out: Out, p: ImportPreview): void {
  const s = p.preset?.summary;
  if (!s) return;
  const line = (c: typeof s.totals) => out.t('cli.ismapCounts', { ...c });
  out.print(
    out.t('cli.ismapBase', {
      base: s.base,
      version: s.version,
      matched: s.matched,
      filled: s.filledPlaceholders,
      added: s.added,
    }),
  );
  for (const sh of s.sheets)
    out.print(
      sh.skipped
        ? out.t('cli.ismapSheetSkipped', { sheet: sh.name })
        : `  ${out.t('cli.ismapSheet', { sheet: sh.name, row: sh.headerRow ?? 0 })}: ${line(sh.counts)}`,
    );
  out.print(`  ${out.t('cli.ismapTotal')}: ${line(s.totals)}`);
  out.print(out.t(`cli.ismapLiu.${s.liu}`, { count: s.totals.liuMarked }));
  if (s.placeholdersLeft.length)
    out.print(
      out.t('cli.ismapPlaceholdersLeft', { count: s.placeholdersLeft.length, ids: s.placeholdersLeft.join(', ') }),
    );
}

const options = (args: CliArgs) => ({
  ...(typeof args.options.sheet === 'string' ? { sheet: args.options.sheet } : {}),
  ...presetOption(args),
  ...(typeof args.options.id === 'string' || typeof args.options.version === 'string'
    ? {
        meta: {
          ...(typeof args.options.id === 'string' ? { id: args.options.id } : {}),
          ...(typeof args.options.version === 'string' ? { version: args.options.version } : {}),
        },
      }
    : {}),
});

function positional(args: CliArgs, index: number, usage: string): string {
  const v = args.command[index];
  if (!v) throw new AppError('bad_input', 'usage', { detail: usage });
  return v;
}

export const catalogCommands: CommandTable = {
  'catalog list': async (rt, _args, out) => {
    const list = await call(rt.ctx, 'catalogs.list', {});
    emit(out, list, () =>
      table(
        [
          out.t('cli.col.id'),
          out.t('cli.col.version'),
          out.t('cli.col.title'),
          out.t('cli.col.controls'),
          out.t('cli.col.publisher'),
        ],
        list.map((c) => [c.catalogId, c.version, c.title[out.lang], String(c.assessableCount), c.publisher[out.lang]]),
      ),
    );
  },
  'catalog validate': async (rt, args, out) => {
    const file = positional(args, 2, 'tenken catalog validate FILE');
    const preview = await call(rt.ctx, 'catalogs.preview', {
      ...readCatalogFile(file, args.options.format, args.options.encoding),
      ...options(args),
    });
    if (out.json) out.print(JSON.stringify(preview, null, 2));
    else printPreview(out, file, preview);
    if (!preview.ok)
      throw new AppError('bad_input', 'catalogInvalid', {
        count: preview.errors.length,
        first: preview.errors[0]?.path ?? '',
      });
  },
  'catalog import': async (rt, args, out) => {
    const file = positional(
      args,
      2,
      'tenken catalog import FILE [--format yaml|json|csv|xlsx|oscal] [--encoding utf-8|utf-16le|utf-16be|shift_jis] [--preset ismap]',
    );
    const input = { ...readCatalogFile(file, args.options.format, args.options.encoding), ...options(args) };
    const preview = await call(rt.ctx, 'catalogs.preview', input);
    if (!preview.ok) {
      if (!out.json) printPreview(out, file, preview);
      throw new AppError('bad_input', 'catalogInvalid', {
        count: preview.errors.length,
        first: preview.errors[0]?.path ?? '',
      });
    }
    const r = await call(rt.ctx, 'catalogs.import', input);
    if (out.json)
      out.print(
        JSON.stringify(
          { ...r, catalog: preview.catalog, ...(preview.preset ? { preset: preview.preset } : {}) },
          null,
          2,
        ),
      );
    else {
      printEncoding(out, preview);
      printPresetSummary(out, preview);
      out.print(
        out.t(r.status === 'added' ? 'cli.imported' : 'cli.importUnchanged', {
          id: r.catalogId,
          version: r.version,
          assessable: preview.catalog?.assessableCount ?? 0,
          nodes: preview.catalog?.nodeCount ?? 0,
          warnings: r.warnings.length,
        }),
      );
    }
  },
  'catalog export': async (rt, args, out) => {
    const id = positional(args, 2, 'tenken catalog export ID [--version V] --format oscal|yaml --out FILE');
    const format = requireOption(args, 'format');
    if (format !== 'oscal' && format !== 'yaml')
      throw new AppError('bad_input', 'usage', { detail: '--format oscal|yaml' });
    const target = requireOption(args, 'out');
    const list = await call(rt.ctx, 'catalogs.list', {});
    const version = typeof args.options.version === 'string' ? args.options.version : undefined;
    const matches = list.filter((c) => c.catalogId === id && (!version || c.version === version));
    const pick = matches.at(-1);
    if (!pick) throw new AppError('not_found', 'catalogNotFound', { catalog: version ? `${id}@${version}` : id });
    const file = await call(rt.ctx, 'catalogs.export', { ref: pick.ref, format, lang: out.lang });
    writeFileSync(target, file.content);
    if (out.json) out.print(JSON.stringify({ file: target, catalogId: pick.catalogId, version: pick.version, format }));
    else out.print(out.t('cli.exported', { id: pick.catalogId, version: pick.version, file: target }));
  },
  'catalog diff': async (rt, args, out) => {
    const usage = 'tenken catalog diff ID V1 V2';
    const d = await call(rt.ctx, 'catalogs.diff', {
      catalogId: positional(args, 2, usage),
      from: positional(args, 3, usage),
      to: positional(args, 4, usage),
    });
    if (out.json) return out.print(JSON.stringify(d, null, 2));
    out.print(
      out.t('cli.diffSummary', {
        id: d.catalogId,
        from: d.from,
        to: d.to,
        unchanged: d.unchanged.length,
        changed: d.changed.length,
        added: d.added.length,
        removed: d.removed.length,
      }),
    );
    const rows = [
      ...d.changed.map((c) => ['~', c.controlId, c.after[out.lang]]),
      ...d.added.map((c) => ['+', c.controlId, c.title[out.lang]]),
      ...d.removed.map((c) => ['-', c.controlId, c.title[out.lang]]),
    ];
    if (rows.length) out.print(table(['', out.t('cli.col.id'), out.t('cli.col.title')], rows));
  },
  'catalog search': async (rt, args, out) => {
    const query = args.command.slice(2).join(' ');
    if (!query.trim()) throw new AppError('bad_input', 'usage', { detail: 'tenken catalog search TEXT' });
    const hits = await call(rt.ctx, 'catalogs.search', { query, limit: 200 });
    if (out.json) return out.print(JSON.stringify(hits, null, 2));
    if (!hits.length) return out.print(out.t('cli.noHits'));
    out.print(
      table(
        [out.t('cli.col.catalog'), out.t('cli.col.id'), out.t('cli.col.title')],
        hits.map((h) => [`${h.catalogId}@${h.version}`, h.controlId, h.title[out.lang]]),
      ),
    );
  },
};
