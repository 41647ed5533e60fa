import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { RequestSelector } from '../../../core/exchange/request-package';
import { MAX_REQUEST_PACKAGE_BYTES } from '../../../shared/api/request-contract';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import type { Runtime } from '../../app/runtime';
import { requireOption, type CliArgs } from '../args';
import { emit, type CommandTable } from '../command-types';
import { table } from '../format';
import { readPassphraseFile } from '../passphrase-file';

/** A package file as base64, refused with a message when missing or too large. */
function packageFile(args: CliArgs, usage: string): string {
  const file = args.command[2];
  if (!file) throw new AppError('bad_input', 'usage', { detail: usage });
  if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
  if (statSync(file).size > MAX_REQUEST_PACKAGE_BYTES)
    throw new AppError('bad_input', 'sealedTooLarge', { max: Math.floor(MAX_REQUEST_PACKAGE_BYTES / 1024 / 1024) });
  return readFileSync(file).toString('base64');
}

/** `--owner O | --group G | --tag T | --controls K1,K2`: exactly one. */
function selectorOf(args: CliArgs): RequestSelector {
  const o = args.options;
  const given = (['owner', 'group', 'tag', 'controls'] as const).filter((k) => typeof o[k] === 'string' && o[k] !== '');
  if (given.length !== 1)
    throw new AppError('bad_input', 'usage', {
      detail: 'exactly one of --owner O, --group G, --tag T, --controls K1,K2',
    });
  const v = o[given[0]!] as string;
  switch (given[0]) {
    case 'owner':
      return { by: 'owner', owner: v };
    case 'group':
      return { by: 'group', group: v };
    case 'tag':
      return { by: 'tag', tag: v };
    default:
      return {
        by: 'controls',
        controlKeys: v
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      };
  }
}

/** `--request ID`, or the only response work item of the workspace. */
async function requestIdOf(rt: Runtime, args: CliArgs): Promise<string> {
  const given = args.options.request;
  if (typeof given === 'string' && given !== '') {
    const items = await call(rt.ctx, 'responses.list', {});
    const hit = items.filter((i) => i.requestId === given || i.requestId.startsWith(given));
    if (hit.length === 1) return hit[0]!.requestId;
    return given;
  }
  const items = await call(rt.ctx, 'responses.list', {});
  if (items.length === 1) return items[0]!.requestId;
  throw new AppError('bad_input', 'missingOption', { option: 'request' });
}

export const requestCommands: CommandTable = {
  /** `tenken request create --assessment ID --respondent NAME (--owner O|--group G|--tag T|--controls K1,K2) [--due D] --out FILE --passphrase-file F` */
  'request create': async (rt, args, out) => {
    const due = args.options.due;
    const r = await call(rt.ctx, 'requests.create', {
      assessmentId: requireOption(args, 'assessment'),
      respondent: requireOption(args, 'respondent'),
      selector: selectorOf(args),
      ...(typeof due === 'string' && due !== '' ? { due } : {}),
      passphrase: readPassphraseFile(requireOption(args, 'passphrase-file')),
    });
    const target = requireOption(args, 'out');
    const bytes = Buffer.from(r.content, 'base64');
    writeFileSync(target, bytes);
    emit(out, { request: r.request, file: target, bytes: bytes.length }, () =>
      out.t('requests.cli.created', {
        respondent: r.request.respondent,
        count: r.request.controlKeys.length,
        id: r.request.id,
        file: target,
      }),
    );
  },
  /** `tenken request list --assessment ID`: the tracking view as a table. */
  'request list': async (rt, args, out) => {
    const list = await call(rt.ctx, 'requests.list', { assessmentId: requireOption(args, 'assessment') });
    emit(out, list, () =>
      list.length === 0
        ? out.t('requests.none')
        : table(
            [
              out.t('requests.col.id'),
              out.t('requests.col.respondent'),
              out.t('requests.col.controls'),
              out.t('requests.col.due'),
              out.t('requests.col.state'),
              out.t('requests.col.answered'),
            ],
            list.map((r) => [
              r.id.slice(0, 8),
              r.respondent,
              String(r.controlKeys.length),
              r.due ?? '—',
              out.t(`requests.state.${r.state}`),
              r.answeredAt ? `${r.answeredAt.slice(0, 16).replace('T', ' ')} UTC (${r.answeredBy ?? ''})` : '—',
            ]),
          ),
    );
  },
  /** `tenken request open FILE --passphrase-file F` (respondent): keeps the request as a response work item. */
  'request open': async (rt, args, out) => {
    const content = packageFile(args, 'tenken request open FILE --passphrase-file F');
    const item = await call(rt.ctx, 'responses.open', {
      content,
      passphrase: readPassphraseFile(requireOption(args, 'passphrase-file')),
    });
    emit(out, item, () =>
      [
        out.t('requests.cli.opened', {
          respondent: item.respondent,
          assessment: item.assessmentName,
          count: item.request.controls.length,
          id: item.requestId,
        }),
        ...item.request.controls.map((c) => `  ${c.controlKey}  ${c.title[out.lang]}`),
      ].join('\n'),
    );
  },
  /** `tenken response answer [--request ID] --control K --value V [--comment C] [--justification J]` */
  'response answer': async (rt, args, out) => {
    const o = args.options;
    const value = requireOption(args, 'value');
    const item = await call(rt.ctx, 'responses.answer', {
      requestId: await requestIdOf(rt, args),
      controlKey: requireOption(args, 'control'),
      value: value === 'none' ? null : value,
      ...(typeof o.comment === 'string' ? { comment: o.comment } : {}),
      ...(typeof o.justification === 'string' ? { justification: o.justification } : {}),
    });
    emit(out, item, () =>
      out.t('requests.cli.answered', {
        answered: item.answers.length,
        count: item.request.controls.length,
      }),
    );
  },
  /** `tenken response seal [--request ID] --out FILE --passphrase-file F` (respondent). */
  'response seal': async (rt, args, out) => {
    const f = await call(rt.ctx, 'responses.seal', {
      requestId: await requestIdOf(rt, args),
      passphrase: readPassphraseFile(requireOption(args, 'passphrase-file')),
    });
    const target = requireOption(args, 'out');
    const bytes = Buffer.from(f.content, 'base64');
    writeFileSync(target, bytes);
    emit(out, { file: target, bytes: bytes.length }, () =>
      out.t('requests.cli.sealed', { file: target, size: bytes.length }),
    );
  },
  /** `tenken response import FILE --assessment ID --passphrase-file F`: all of it or nothing. */
  'response import': async (rt, args, out) => {
    const content = packageFile(args, 'tenken response import FILE --assessment ID --passphrase-file F');
    const s = await call(rt.ctx, 'requests.importResponse', {
      assessmentId: requireOption(args, 'assessment'),
      content,
      passphrase: readPassphraseFile(requireOption(args, 'passphrase-file')),
    });
    emit(out, s, () =>
      [
        out.t('requests.cli.imported', {
          respondent: s.respondent,
          answeredBy: s.answeredBy,
          applied: s.applied.length,
          unchanged: s.unchanged.length,
          evidence: s.evidenceAdded,
        }),
        ...(s.changedHere.length
          ? [out.t('requests.changedHere', { count: s.changedHere.length, controls: s.changedHere.join(', ') })]
          : []),
      ].join('\n'),
    );
  },
};
