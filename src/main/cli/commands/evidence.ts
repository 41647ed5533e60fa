import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_EVIDENCE_BYTES } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import type { CommandTable } from '../command-types';

export const evidenceCommands: CommandTable = {
  'evidence add': async (rt, args, out) => {
    const file = args.command[2];
    if (!file)
      throw new AppError('bad_input', 'usage', { detail: 'tenken evidence add --assessment ID --control CID FILE' });
    if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
    if (statSync(file).size > MAX_EVIDENCE_BYTES)
      throw new AppError('bad_input', 'evidenceTooLarge', { file, limitMb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
    const controls = requireOption(args, 'control')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const e = await call(rt.ctx, 'evidence.add', {
      assessmentId: requireOption(args, 'assessment'),
      controlIds: controls,
      fileName: basename(file),
      content: readFileSync(file).toString('base64'),
    });
    if (out.json) return out.print(JSON.stringify(e, null, 2));
    out.print(
      out.t('cli.evidenceAdded', {
        file: e.fileName,
        sha256: e.sha256,
        size: e.size,
        controls: e.controlKeys.join(', '),
      }),
    );
  },
};
