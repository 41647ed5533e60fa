import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { looksSealed, SEALED_MAGIC } from '../../../core/exchange/sealed-package';
import { MAX_ASSESSMENT_FILE_BYTES, MAX_SEALED_PACKAGE_BYTES } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { call } from '../../api/dispatch';
import { requireOption } from '../args';
import { emit, type CommandTable } from '../command-types';
import { table } from '../format';
import { formatTimestamp } from '../../../core/report/model';
import { readPassphraseFile } from '../passphrase-file';

/** A file's first bytes (to tell a sealed package from an assessment file without reading either whole). */
function readHead(file: string, n: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

export const assessmentCommands: CommandTable = {
  'assessment list': async (rt, args, out) => {
    const show = args.options.show;
    if (show !== undefined && show !== 'active' && show !== 'archived' && show !== 'trash')
      throw new AppError('bad_input', 'usage', { detail: '--show active|archived|trash' });
    const list = await call(rt.ctx, 'assessments.list', show ? { show } : {});
    // The table shows times where the user is (the time-zone setting); --json keeps the stored UTC timestamps.
    const zone = (await call(rt.ctx, 'settings.get', {})).timeZone;
    emit(out, list, () =>
      list.length === 0
        ? out.t('cli.noAssessments')
        : table(
            [
              out.t('cli.col.id'),
              out.t('cli.col.name'),
              out.t('cli.col.organization'),
              out.t('cli.col.catalog'),
              out.t('cli.col.progress'),
              out.t('cli.col.updated'),
            ],
            list.map((a) => [
              a.id,
              a.name,
              a.organization?.name ?? '—',
              a.catalogs.map((c) => `${c.catalogId}@${c.version}`).join(', '),
              `${a.progress.answered}/${a.progress.total}`,
              formatTimestamp(a.updatedAt, 'iso', zone),
            ]),
          ),
    );
  },
  'assessment create': async (rt, args, out) => {
    // --catalog ismap,pci-dss@4.0.1: the first is the assessment's first catalog, the others are assessed with it.
    const [first = '', ...more] = requireOption(args, 'catalog')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const input = {
      name: requireOption(args, 'name'),
      catalog: first,
      ...(more.length ? { additionalCatalogs: more.map((catalog) => ({ catalog })) } : {}),
      ...(typeof args.options.organization === 'string' ? { organization: args.options.organization } : {}),
      ...(typeof args.options.scope === 'string' ? { scope: args.options.scope } : {}),
      // --profile applies to the first catalog (e.g. an SAQ of PCI DSS); only its controls are assessed.
      ...(typeof args.options.profile === 'string' ? { profile: args.options.profile } : {}),
    };
    const a = await call(rt.ctx, 'assessments.create', input);
    emit(out, a, () =>
      out.t('cli.assessmentCreated', {
        name: a.name,
        id: a.id,
        catalog: a.catalogs.map((c) => `${c.catalogId}@${c.version}`).join(', '),
        total: a.progress.total,
      }),
    );
  },
  'assessment upgrade': async (rt, args, out) => {
    const r = await call(rt.ctx, 'assessments.upgrade', {
      id: requireOption(args, 'assessment'),
      toVersion: requireOption(args, 'version'),
      ...(typeof args.options.catalog === 'string' ? { catalog: args.options.catalog } : {}),
    });
    if (out.json) return out.print(JSON.stringify(r, null, 2));
    out.print(
      out.t('cli.upgraded', {
        from: r.from,
        to: r.to,
        carried: r.carried.length,
        changed: r.changed.length,
        removed: r.removed.length,
        added: r.added.length,
      }),
    );
    if (r.carriedForReview?.length) out.print(out.t('cli.upgradedForReview', { count: r.carriedForReview.length }));
  },
  /** `tenken assessment add-catalog --assessment ID --catalog ID[@VERSION] [--profile P]`: the engagement grows. */
  'assessment add-catalog': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.addCatalog', {
      id: requireOption(args, 'assessment'),
      catalog: requireOption(args, 'catalog'),
      ...(typeof args.options.profile === 'string' ? { profile: args.options.profile } : {}),
    });
    if (out.json) return out.print(JSON.stringify(a, null, 2));
    out.print(
      out.t('cli.catalogAdded', {
        name: a.name,
        catalogs: a.catalogs.map((c) => `${c.catalogId}@${c.version}`).join(', '),
        total: a.progress.total,
      }),
    );
  },
  /**
   * `tenken assessment update --assessment ID [--name N] [--organization O] [--contact C] [--scope S] [--assessors A]
   * [--period-start D] [--period-end D] [--profile P] [--catalog ID] [--overall-comment TEXT]`: the details printed on
   * the report cover, and the overall comment (総評) printed in its summary ('' clears it).
   * An empty value clears the organization, the period dates or the profile; every change is recorded.
   */
  'assessment update': async (rt, args, out) => {
    const o = args.options;
    const text = (name: string) => (typeof o[name] === 'string' ? (o[name] as string) : undefined);
    const clearable = (name: string) => {
      const v = text(name);
      return v === undefined ? undefined : v.trim() || null;
    };
    const input = {
      id: requireOption(args, 'assessment'),
      ...(text('name') !== undefined ? { name: text('name') } : {}),
      ...(text('organization') !== undefined ? { organization: clearable('organization') } : {}),
      ...(text('contact') !== undefined ? { organizationContact: text('contact') } : {}),
      ...(text('scope') !== undefined ? { scope: text('scope') } : {}),
      ...(text('assessors') !== undefined ? { assessors: text('assessors') } : {}),
      ...(text('period-start') !== undefined ? { periodStart: clearable('period-start') } : {}),
      ...(text('period-end') !== undefined ? { periodEnd: clearable('period-end') } : {}),
      ...(text('profile') !== undefined ? { profile: clearable('profile') } : {}),
      ...(text('catalog') !== undefined ? { catalog: text('catalog') } : {}),
      ...(text('overall-comment') !== undefined ? { overallComment: text('overall-comment') } : {}),
    };
    if (Object.keys(input).length === 1)
      throw new AppError('bad_input', 'usage', {
        detail:
          'tenken assessment update --assessment ID [--name N] [--organization O] [--contact C] [--scope S] [--assessors A] [--period-start YYYY-MM-DD] [--period-end YYYY-MM-DD] [--profile P] [--overall-comment TEXT]',
      });
    const a = await call(rt.ctx, 'assessments.update', input);
    emit(out, a, () => out.t('cli.assessmentUpdated', { name: a.name, id: a.id }));
  },
  'assessment status': async (rt, args, out) => {
    const status = requireOption(args, 'status');
    if (status !== 'draft' && status !== 'in_review' && status !== 'final')
      throw new AppError('bad_input', 'usage', { detail: '--status draft|in_review|final' });
    const r = await call(rt.ctx, 'assessments.setStatus', {
      id: requireOption(args, 'assessment'),
      status,
      ...(typeof args.options.comment === 'string' ? { note: args.options.comment } : {}),
    });
    if (out.json) return out.print(JSON.stringify(r, null, 2));
    out.print(out.t('cli.statusSet', { status: out.t(`ui.status.${r.status}`), warnings: r.issues.length }));
  },
  /**
   * `tenken assessment export ID [--format json|sealed] --out FILE [--passphrase-file P]`: the whole assessment
   * with its evidence and history; `sealed` encrypts it under the first line of P (a `.tenken` package).
   */
  'assessment export': async (rt, args, out) => {
    const id = args.command[2];
    if (!id)
      throw new AppError('bad_input', 'usage', {
        detail: 'tenken assessment export ID --format json|sealed --out FILE [--passphrase-file P]',
      });
    const format = args.options.format ?? 'json';
    if (format !== 'json' && format !== 'sealed')
      throw new AppError('bad_input', 'usage', { detail: '--format json|sealed' });
    const passphraseFile = args.options['passphrase-file'];
    if (format === 'json' && passphraseFile !== undefined)
      throw new AppError('bad_input', 'usage', {
        detail: '--passphrase-file goes with --format sealed (a json file is not encrypted)',
      });
    const target = requireOption(args, 'out');
    const f =
      format === 'sealed'
        ? await call(rt.ctx, 'assessments.exportSealed', {
            id,
            passphrase: readPassphraseFile(requireOption(args, 'passphrase-file')),
          })
        : await call(rt.ctx, 'assessments.export', { id });
    const bytes = Buffer.from(f.content, 'base64');
    writeFileSync(target, bytes);
    if (out.json) return out.print(JSON.stringify({ file: target, bytes: bytes.length, format }));
    out.print(
      out.t(format === 'sealed' ? 'cli.sealedExported' : 'cli.assessmentExported', {
        file: target,
        size: bytes.length,
      }),
    );
  },
  /** `tenken assessment import FILE [--passphrase-file P]`: an assessment file or a sealed package; all of it or nothing. */
  'assessment import': async (rt, args, out) => {
    const file = args.command[2];
    if (!file)
      throw new AppError('bad_input', 'usage', { detail: 'tenken assessment import FILE [--passphrase-file P]' });
    if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
    const size = statSync(file).size;
    const sealed = looksSealed(readHead(file, SEALED_MAGIC.length));
    const passphraseFile = args.options['passphrase-file'];
    let a;
    if (sealed) {
      if (typeof passphraseFile !== 'string' || passphraseFile === '')
        throw new AppError('bad_input', 'sealedNeedsPassphrase', { file });
      if (size > MAX_SEALED_PACKAGE_BYTES)
        throw new AppError('bad_input', 'sealedTooLarge', { max: MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024 });
      const passphrase = readPassphraseFile(passphraseFile);
      a = await call(rt.ctx, 'assessments.importSealed', {
        content: readFileSync(file).toString('base64'),
        passphrase,
      });
    } else {
      // Named .tenken but not starting like one: damaged at its start, or not a package at all.
      if (/\.tenken$/i.test(file)) throw new AppError('bad_input', 'sealedNotPackage');
      if (passphraseFile !== undefined) throw new AppError('bad_input', 'passphraseNotSealed', { file });
      if (size > MAX_ASSESSMENT_FILE_BYTES)
        throw new AppError('bad_input', 'assessmentFileInvalid', {
          detail: `larger than ${MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024} MB`,
        });
      a = await call(rt.ctx, 'assessments.import', { content: readFileSync(file, 'utf8') });
    }
    if (out.json) return out.print(JSON.stringify(a, null, 2));
    out.print(
      out.t('cli.assessmentImported', {
        name: a.name,
        id: a.id,
        answered: a.progress.answered,
        total: a.progress.total,
      }),
    );
  },
};
