import { writeFileSync } from 'node:fs';
import { AppError } from '../../../shared/api/errors';
import { ROLLUP_WORDING } from '../../../core/wording/rollup';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import { emit, type CommandTable } from '../command-types';
import { table } from '../format';

const idsOf = (text: unknown) =>
  typeof text === 'string'
    ? text
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

/** `--format pdf|xlsx`, else from the file's extension (.pdf gives the PDF; anything else the workbook, as before). */
function formatOf(format: unknown, file: string): 'pdf' | 'xlsx' {
  if (format === undefined) return /\.pdf$/i.test(file) ? 'pdf' : 'xlsx';
  if (format === 'pdf' || format === 'xlsx') return format;
  throw new AppError('bad_input', 'usage', { detail: '--format pdf|xlsx' });
}

/**
 * `rollup --catalog ID [--assessments ID,ID…] [--out FILE.xlsx|FILE.pdf] [--format pdf|xlsx] [--marking M]`: the
 * assessments of one catalog side by side. Without --out it prints each assessment's overall score and the controls
 * weak everywhere; with it, the workbook or the roll-up report (PDF).
 */
export const rollupCommands: CommandTable = {
  rollup: async (rt, args, out) => {
    const catalogId = requireOption(args, 'catalog');
    const assessmentIds = idsOf(args.options.assessments);
    const lang = args.global.lang ?? out.lang;
    const target = args.options.out;
    if (typeof target === 'string') {
      const marking = args.options.marking;
      const file = await call(rt.ctx, 'rollup.export', {
        catalogId,
        format: formatOf(args.options.format, target),
        lang,
        ...(typeof marking === 'string' ? { marking } : {}),
        ...(assessmentIds ? { assessmentIds } : {}),
      });
      const bytes = Buffer.from(file.content, 'base64');
      writeFileSync(target, bytes);
      return emit(out, { file: target, bytes: bytes.length }, () =>
        out.t('cli.reportWritten', { file: target, size: bytes.length }),
      );
    }
    const r = await call(rt.ctx, 'rollup.get', { catalogId, ...(assessmentIds ? { assessmentIds } : {}) });
    const W = ROLLUP_WORDING[lang];
    const score = (n: number | null) => (n === null ? '\u2014' : (Math.round(n * 10) / 10).toString());
    emit(out, r, () =>
      [
        table(
          [out.t('cli.col.organization'), out.t('cli.col.name'), W.period, W.overall, W.answered],
          r.members.map((m) => [
            m.organization ?? W.noOrganization,
            m.name,
            [m.periodStart, m.periodEnd].filter(Boolean).join(' – '),
            score(m.overall.score),
            `${m.overall.answered}/${m.overall.total}`,
          ]),
        ),
        '',
        `${W.sheetWeak}: ${r.weakEverywhere.length ? r.weakEverywhere.map((c) => c.controlId).join(', ') : '\u2014'}`,
      ].join('\n'),
    );
  },
};
