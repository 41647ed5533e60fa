import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { ConflictSide, MergePreview } from '../../../core/exchange/merge-plan';
import { looksSealed, SEALED_MAGIC } from '../../../core/exchange/sealed-package';
import { formatTimestamp } from '../../../core/report/model';
import { MAX_ASSESSMENT_FILE_BYTES, MAX_SEALED_PACKAGE_BYTES } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import type { CommandTable, Out } from '../command-types';
import { readPassphraseFile } from '../passphrase-file';

const USAGE = 'tenken assessment merge FILE [--passphrase-file P] [--take ours|theirs] [--choose KEY=ours|theirs ...]';

function isSealed(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SEALED_MAGIC.length);
    return looksSealed(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)));
  } finally {
    closeSync(fd);
  }
}

/** `--choose KEY=ours|theirs`, repeatable (the parser joins them with commas; no key holds a comma). */
function parseChoices(text: string | undefined): Record<string, 'ours' | 'theirs'> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, 'ours' | 'theirs'> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const key = part.slice(0, at);
    const take = part.slice(at + 1);
    if (at <= 0 || (take !== 'ours' && take !== 'theirs'))
      throw new AppError('bad_input', 'usage', { detail: `--choose ${part}: KEY=ours|theirs` });
    out[key] = take;
  }
  return out;
}

function side(out: Out, s: ConflictSide, zone: string): { value: string; by: string; at: string } {
  const v = s.value ?? out.t('ui.merge.unanswered');
  const extra = s.fields?.justification ? ` «${s.fields.justification.slice(0, 60)}»` : '';
  return { value: `${v}${extra}`, by: s.by ?? '—', at: s.at ? formatTimestamp(s.at, 'iso', zone) : '—' };
}

function describe(out: Out, p: MergePreview, zone: string): string {
  const i = p.incoming;
  const more = [
    i.status ? `, ${out.t('ui.merge.status', { status: out.t(`ui.status.${i.status}`) })}` : '',
    i.details.length ? `, ${out.t('ui.merge.details', { fields: i.details.join(', ') })}` : '',
  ].join('');
  const lines = [
    out.t('cli.mergePreview', {
      name: p.name,
      answers: i.answers.length,
      evidence: i.evidence,
      links: i.links,
      dismissals: i.dismissals,
      more,
      oursOnly: p.oursOnly,
      same: p.same,
      conflicts: p.conflicts.length,
    }),
  ];
  for (const c of p.conflicts) {
    const o = side(out, c.ours, zone);
    const t = side(out, c.theirs, zone);
    lines.push(
      out.t('cli.mergeConflict', {
        key: c.key,
        ours: o.value,
        oursBy: o.by,
        oursAt: o.at,
        theirs: t.value,
        theirsBy: t.by,
        theirsAt: t.at,
      }),
    );
  }
  return lines.join('\n');
}

export const mergeCommands: CommandTable = {
  /**
   * `tenken assessment merge FILE [--passphrase-file P] [--take ours|theirs] [--choose KEY=ours|theirs ...]`: a copy
   * of an assessment that is here (assessment file or sealed package). Without --take/--choose it only previews
   * (what comes over, the conflicts side by side); with them it merges in one transaction.
   */
  'assessment merge': async (rt, args, out) => {
    const file = args.command[2];
    if (!file) throw new AppError('bad_input', 'usage', { detail: USAGE });
    if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
    const take = args.options.take;
    if (take !== undefined && take !== 'ours' && take !== 'theirs')
      throw new AppError('bad_input', 'usage', { detail: '--take ours|theirs' });
    const choices = parseChoices(typeof args.options.choose === 'string' ? args.options.choose : undefined);
    const passphraseFile = args.options['passphrase-file'];
    const size = statSync(file).size;
    let source: { content: string; passphrase?: string };
    if (isSealed(file)) {
      if (typeof passphraseFile !== 'string' || passphraseFile === '')
        throw new AppError('bad_input', 'sealedNeedsPassphrase', { file });
      if (size > MAX_SEALED_PACKAGE_BYTES)
        throw new AppError('bad_input', 'sealedTooLarge', { max: MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024 });
      source = { content: readFileSync(file).toString('base64'), passphrase: readPassphraseFile(passphraseFile) };
    } else {
      if (/\.tenken$/i.test(file)) throw new AppError('bad_input', 'sealedNotPackage');
      if (passphraseFile !== undefined) throw new AppError('bad_input', 'passphraseNotSealed', { file });
      if (size > MAX_ASSESSMENT_FILE_BYTES)
        throw new AppError('bad_input', 'assessmentFileInvalid', {
          detail: `larger than ${MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024} MB`,
        });
      source = { content: readFileSync(file, 'utf8') };
    }
    const zone = (await call(rt.ctx, 'settings.get', {})).timeZone;
    if (take === undefined && choices === undefined) {
      const p = await call(rt.ctx, 'assessments.mergePreview', source);
      if (out.json) return out.print(JSON.stringify(p, null, 2));
      if (p.outcome === 'nothing') return out.print(out.t('cli.mergeNothing', { name: p.name }));
      return out.print(`${describe(out, p, zone)}\n${out.t('cli.mergePreviewOnly')}`);
    }
    const r = await call(rt.ctx, 'assessments.merge', {
      ...source,
      ...(take !== undefined ? { take } : {}),
      ...(choices !== undefined ? { choices } : {}),
    });
    if (out.json) return out.print(JSON.stringify(r, null, 2));
    if (r.outcome === 'nothing') return out.print(out.t('cli.mergeNothing', { name: r.assessment.name }));
    const i = r.preview.incoming;
    out.print(
      out.t('cli.merged', {
        name: r.assessment.name,
        id: r.assessment.id,
        count: i.answers.length + (i.status ? 1 : 0) + i.details.length + i.evidence + i.links + i.dismissals,
        conflicts: r.preview.conflicts.length,
      }),
    );
  },
};
