import { writeFileSync } from 'node:fs';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import type { CommandTable } from '../command-types';

/** `tenken report questionnaire --assessment ID --out FILE.pdf [--lang ja|en]`: the blank questionnaire. */
export const questionnaireCommands: CommandTable = {
  'report questionnaire': async (rt, args, out) => {
    const target = requireOption(args, 'out');
    const r = await call(rt.ctx, 'report.questionnaire', {
      assessmentId: requireOption(args, 'assessment'),
      lang: args.global.lang ?? out.lang,
    });
    const bytes = Buffer.from(r.content, 'base64');
    writeFileSync(target, bytes);
    if (out.json) return out.print(JSON.stringify({ file: target, format: 'questionnaire', bytes: bytes.length }));
    out.print(out.t('cli.reportWritten', { file: target, size: bytes.length }));
  },
};
