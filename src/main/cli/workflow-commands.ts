import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_ASSESSMENT_FILE_BYTES, MAX_EVIDENCE_BYTES } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { call } from '../api/dispatch';
import type { Runtime } from '../app/runtime';
import { requireOption, type CliArgs } from './args';
import type { Out } from './commands';

export const workflowCommands: Record<string, (rt: Runtime, args: CliArgs, out: Out) => Promise<void>> = {
  /** `tenken assessment export ID [--format json] --out FILE`: the whole assessment with its evidence and history. */
  'assessment export': async (rt, args, out) => {
    const id = args.command[2];
    if (!id) throw new AppError('bad_input', 'usage', { detail: 'tenken assessment export ID --format json --out FILE' });
    const format = args.options.format ?? 'json';
    if (format !== 'json') throw new AppError('bad_input', 'usage', { detail: '--format json' });
    const target = requireOption(args, 'out');
    const f = await call(rt.ctx, 'assessments.export', { id });
    const bytes = Buffer.from(f.content, 'base64');
    writeFileSync(target, bytes);
    if (out.json) return out.print(JSON.stringify({ file: target, bytes: bytes.length }));
    out.print(out.t('cli.assessmentExported', { file: target, size: bytes.length }));
  },
  /** `tenken assessment add-catalog --assessment ID --catalog ID[@VERSION] [--profile P]`: the engagement grows. */
  'assessment add-catalog': async (rt, args, out) => {
    const a = await call(rt.ctx, 'assessments.addCatalog', {
      id: requireOption(args, 'assessment'), catalog: requireOption(args, 'catalog'),
      ...(typeof args.options.profile === 'string' ? { profile: args.options.profile } : {}),
    });
    if (out.json) return out.print(JSON.stringify(a, null, 2));
    out.print(out.t('cli.catalogAdded', { name: a.name, catalogs: a.catalogs.map((c) => `${c.catalogId}@${c.version}`).join(', '), total: a.progress.total }));
  },
  /** `tenken assessment import FILE`: all of it or nothing. */
  'assessment import': async (rt, args, out) => {
    const file = args.command[2];
    if (!file) throw new AppError('bad_input', 'usage', { detail: 'tenken assessment import FILE' });
    if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
    if (statSync(file).size > MAX_ASSESSMENT_FILE_BYTES) throw new AppError('bad_input', 'assessmentFileInvalid', { detail: `larger than ${MAX_ASSESSMENT_FILE_BYTES / 1024 / 1024} MB` });
    const a = await call(rt.ctx, 'assessments.import', { content: readFileSync(file, 'utf8') });
    if (out.json) return out.print(JSON.stringify(a, null, 2));
    out.print(out.t('cli.assessmentImported', { name: a.name, id: a.id, answered: a.progress.answered, total: a.progress.total }));
  },
  'evidence add': async (rt, args, out) => {
    const file = args.command[2];
    if (!file) throw new AppError('bad_input', 'usage', { detail: 'tenken evidence add --assessment ID --control CID FILE' });
    if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
    if (statSync(file).size > MAX_EVIDENCE_BYTES) throw new AppError('bad_input', 'evidenceTooLarge', { file, limitMb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
    const controls = requireOption(args, 'control').split(',').map((s) => s.trim()).filter(Boolean);
    const e = await call(rt.ctx, 'evidence.add', { assessmentId: requireOption(args, 'assessment'), controlIds: controls, fileName: basename(file), content: readFileSync(file).toString('base64') });
    if (out.json) return out.print(JSON.stringify(e, null, 2));
    out.print(out.t('cli.evidenceAdded', { file: e.fileName, sha256: e.sha256, size: e.size, controls: e.controlIds.join(', ') }));
  },
  'audit verify': async (rt, args, out) => {
    const assessmentId = typeof args.options.assessment === 'string' ? args.options.assessment : undefined;
    if (assessmentId) await call(rt.ctx, 'assessments.get', { id: assessmentId });
    const r = await call(rt.ctx, 'audit.verify', assessmentId ? { assessmentId } : {});
    if (out.json) out.print(JSON.stringify(r, null, 2));
    else if (r.ok) out.print(out.t('cli.auditOk', { entries: r.entries, head: r.head ?? '' }));
    if (!r.ok) throw new AppError('conflict', 'auditBroken', { seq: r.brokenAt ?? 0, reason: r.reason ?? '' });
  },
  demo: async (rt, _args, out) => {
    const a = await call(rt.ctx, 'demo.create', {});
    if (out.json) return out.print(JSON.stringify(a, null, 2));
    out.print(out.t('cli.demoCreated', { name: a.name, id: a.id, organization: a.organization?.name ?? '' }));
  },
  'assessment status': async (rt, args, out) => {
    const status = requireOption(args, 'status');
    if (status !== 'draft' && status !== 'in_review' && status !== 'final') throw new AppError('bad_input', 'usage', { detail: '--status draft|in_review|final' });
    const r = await call(rt.ctx, 'assessments.setStatus', { id: requireOption(args, 'assessment'), status, ...(typeof args.options.comment === 'string' ? { note: args.options.comment } : {}) });
    if (out.json) return out.print(JSON.stringify(r, null, 2));
    out.print(out.t('cli.statusSet', { status: out.t(`ui.status.${r.status}`), warnings: r.issues.length }));
  },
};
