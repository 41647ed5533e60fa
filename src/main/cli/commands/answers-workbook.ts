import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { WorkbookProblem } from '../../../core/assessment/answer-workbook';
import { MAX_ANSWER_WORKBOOK_BYTES } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import type { CommandTable, Out } from '../command-types';

/**
 * `tenken answers export --assessment ID --out FILE.xlsx` and `tenken answers import FILE.xlsx --assessment ID
 * [--apply]`: the answer workbook (src/main/assessments/answer-workbook.ts). Import without --apply shows the diff
 * only; with --apply it applies all of it or nothing. A refused workbook exits with the first error and lists
 * every refused cell.
 */

const problemText = (out: Out, p: WorkbookProblem) =>
  out.t(`errors.${p.key}`, { ...p.params, sheet: p.sheet, row: p.row, column: p.column });

export const answersWorkbookCommands: CommandTable = {
  'answers export': async (rt, args, out) => {
    const target = requireOption(args, 'out');
    const f = await call(rt.ctx, 'answers.exportWorkbook', {
      assessmentId: requireOption(args, 'assessment'),
      lang: args.global.lang ?? out.lang,
    });
    const bytes = Buffer.from(f.content, 'base64');
    writeFileSync(target, bytes);
    if (out.json) return out.print(JSON.stringify({ file: target, bytes: bytes.length }));
    out.print(out.t('answerWorkbook.cli.exported', { file: target, size: bytes.length }));
  },
  'answers import': async (rt, args, out) => {
    const file = args.command[2];
    if (!file)
      throw new AppError('bad_input', 'usage', { detail: 'tenken answers import FILE.xlsx --assessment ID [--apply]' });
    if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
    if (statSync(file).size > MAX_ANSWER_WORKBOOK_BYTES)
      throw new AppError('bad_input', 'answerWorkbook.tooLarge', {
        file: basename(file),
        maxMb: MAX_ANSWER_WORKBOOK_BYTES / 1024 / 1024,
      });
    const input = {
      assessmentId: requireOption(args, 'assessment'),
      fileName: basename(file),
      content: readFileSync(file).toString('base64'),
      lang: args.global.lang ?? out.lang,
    };
    const p = await call(rt.ctx, 'answers.previewWorkbook', input);
    const apply = args.options.apply === true;
    if (out.json && (!apply || p.problems.length)) out.print(JSON.stringify(p, null, 2));
    else {
      const shown = (c: (typeof p.changes)[number], v: string | null) =>
        v === null || v === ''
          ? out.t('answerWorkbook.ui.empty')
          : c.field === 'value'
            ? (p.labels[`${c.catalogId}:${v}`] ?? v)
            : v.length > 60
              ? `${v.slice(0, 60)}…`
              : v;
      for (const c of p.changes) {
        out.print(
          out.t('answerWorkbook.cli.change', {
            control: c.controlKey,
            field: out.t(`answerWorkbook.ui.fields.${c.field}`),
            before: shown(c, c.before),
            after: shown(c, c.after),
          }),
        );
        if (c.changedSinceExport)
          out.print(out.t('answerWorkbook.cli.changedSinceExport', { exported: shown(c, c.exported) }));
      }
      for (const x of p.problems) out.print(problemText(out, x));
      out.print(
        out.t('answerWorkbook.cli.summary', {
          file: p.fileName,
          count: p.changes.length,
          problems: p.problems.length,
          sha256: p.sha256,
        }),
      );
    }
    if (p.problems.length) {
      const first = p.problems[0] as WorkbookProblem;
      throw new AppError('bad_input', first.key, {
        ...first.params,
        sheet: first.sheet,
        row: first.row,
        column: first.column,
      });
    }
    if (!apply) return out.json ? undefined : out.print(out.t('answerWorkbook.cli.previewOnly'));
    const r = await call(rt.ctx, 'answers.importWorkbook', { ...input, sha256: p.sha256 });
    if (out.json) return out.print(JSON.stringify(r, null, 2));
    out.print(out.t('answerWorkbook.cli.applied', { count: r.changed, controls: r.controls }));
  },
};
