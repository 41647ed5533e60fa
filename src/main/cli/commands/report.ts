import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { REPORT_SECTIONS, type ReportSection } from '../../../core/report/model';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import { requireOption, type CliArgs } from '../args';
import type { CommandTable, Out } from '../command-types';

const FORMATS = ['pdf', 'xlsx', 'csv', 'json', 'oscal-ar', 'oscal-poam'] as const;

export const reportCommands: CommandTable = {
  report: async (rt, args, out) => {
    if (args.command[1] === 'verify') return verify(args, out);
    const format = requireOption(args, 'format');
    if (!(FORMATS as readonly string[]).includes(format)) throw new AppError('bad_input', 'usage', { detail: `--format ${FORMATS.join('|')}` });
    const target = requireOption(args, 'out');
    const style = args.options['date-style'];
    if (style !== undefined && style !== 'iso' && style !== 'japanese' && style !== 'wareki') throw new AppError('bad_input', 'usage', { detail: '--date-style iso|japanese|wareki' });
    const dateStyle = style as 'iso' | 'japanese' | 'wareki' | undefined;
    const r = await call(rt.ctx, 'report.build', {
      assessmentId: requireOption(args, 'assessment'), format: format as (typeof FORMATS)[number], lang: args.global.lang ?? out.lang,
      ...(typeof args.options.marking === 'string' ? { marking: args.options.marking } : {}),
      ...(dateStyle ? { dateStyle } : {}),
      ...(typeof args.options.catalog === 'string' ? { catalog: args.options.catalog } : {}),
      ...(typeof args.options.sections === 'string' ? { sections: sectionsOf(args.options.sections) } : {}),
    });
    const bytes = Buffer.from(r.content, 'base64');
    writeFileSync(target, bytes);
    if (out.json) return out.print(JSON.stringify({ file: target, format, bytes: bytes.length }));
    out.print(out.t('cli.reportWritten', { file: target, size: bytes.length }));
  },
};


/** `--sections summary,findings`: the PDF sections to print; a name not in the list is a usage error. */
function sectionsOf(text: string): ReportSection[] {
  const names = text.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = names.find((x) => !(REPORT_SECTIONS as readonly string[]).includes(x));
  if (bad !== undefined || names.length === 0) throw new AppError('bad_input', 'usage', { detail: `--sections ${REPORT_SECTIONS.join(',')}` });
  return names as ReportSection[];
}

/** `tenken report verify FILE.pdf`: the attached results must match the SHA-256 printed in the report. */
async function verify(args: CliArgs, out: Out): Promise<void> {
  const file = args.command[2];
  if (!file) throw new AppError('bad_input', 'usage', { detail: 'tenken report verify FILE.pdf' });
  if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
  const { verifyReportPdf } = await import('../../report/render/pdf');
  const v = await verifyReportPdf(readFileSync(file));
  if (out.json) out.print(JSON.stringify(v, null, 2));
  else if (v.ok) out.print(out.t('cli.reportVerified', { sha256: v.attachmentSha256 ?? '' }));
  if (!v.ok) throw new AppError('conflict', 'reportTampered', { printed: v.printedSha256 ?? '—', actual: v.attachmentSha256 ?? '—' });
}
