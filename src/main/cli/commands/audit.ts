import { existsSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/api/errors';
import type { AuditCheck } from '../../../shared/api/types';
import { call } from '../../api/dispatch';
import { checkAnchor, type ChainAnchor } from '../../audit/anchor';
import type { CommandTable, Out } from '../command-types';

/**
 * A head kept elsewhere: `ENTRIES:SHA256` as printed by `audit verify`, or a file holding one (a report's results
 * JSON, `tenken-results/1`, carries `audit.entries` and `audit.head`).
 */
function anchorOf(arg: string): ChainAnchor {
  const m = /^(\d{1,12}):([0-9a-f]{64})$/.exec(arg);
  if (m) return { entries: Number(m[1]), head: m[2] as string };
  if (!existsSync(arg)) throw new AppError('bad_input', 'anchorInvalid', { value: arg.slice(0, 100) });
  try {
    const audit = (JSON.parse(readFileSync(arg, 'utf8')) as { audit?: { entries?: unknown; head?: unknown } }).audit;
    if (typeof audit?.entries === 'number' && typeof audit.head === 'string' && /^[0-9a-f]{64}$/.test(audit.head))
      return { entries: audit.entries, head: audit.head };
  } catch {
    // falls through to the error below
  }
  throw new AppError('bad_input', 'anchorInvalid', { value: arg.slice(0, 100) });
}

function failure(r: AuditCheck, out: Out): AppError {
  const chain = { head: r.head ?? '—', entries: r.entries };
  const reason = (x: 'missing' | 'differs') => out.t(x === 'missing' ? 'errors.anchorMissing' : 'errors.anchorDiffers');
  const d = r.divergence;
  if (r.reason === 'replay' && d)
    return new AppError(
      'conflict',
      d.subject === 'history' ? 'auditContradicts' : d.seq === null ? 'auditUnrecorded' : 'auditDiverges',
      {
        assessment: d.assessmentName,
        subject: d.subject,
        key: d.key || '—',
        field: d.field,
        expected: d.expected,
        stored: d.stored,
        seq: d.seq ?? '—',
        action: d.action ?? '—',
        ...chain,
      },
    );
  if (r.reason === 'anchor' && r.anchor)
    return new AppError('conflict', 'auditAnchor', {
      source: r.anchor.source,
      seq: r.anchor.seq,
      reason: reason(r.anchor.reason),
      ...chain,
    });
  return new AppError('conflict', 'auditBroken', { seq: r.brokenAt ?? 0, reason: r.reason ?? '' });
}

export const auditCommands: CommandTable = {
  /** `tenken audit verify [ENTRIES:HEAD | results.json] [--assessment ID]`: the chain, its replay, the backups' heads, and a head given. */
  'audit verify': async (rt, args, out) => {
    const assessmentId = typeof args.options.assessment === 'string' ? args.options.assessment : undefined;
    const given = args.command[2] ? anchorOf(args.command[2]) : null;
    if (assessmentId) await call(rt.ctx, 'assessments.get', { id: assessmentId });
    let r = await call(rt.ctx, 'audit.verify', assessmentId ? { assessmentId } : {});
    if (r.ok && given) {
      const c = checkAnchor(rt.ctx.db, given);
      if (!c.ok)
        r = {
          ...r,
          ok: false,
          brokenAt: c.seq,
          reason: 'anchor',
          anchor: { source: `${given.entries}:${given.head}`, seq: c.seq, reason: c.reason },
        };
    }
    if (out.json) out.print(JSON.stringify(r, null, 2));
    else if (r.ok)
      out.print(out.t('cli.auditOk', { entries: r.entries, head: r.head ?? '', backups: r.backupsChecked ?? 0 }));
    if (!r.ok) {
      if (given && r.reason === 'anchor' && r.anchor?.source === `${given.entries}:${given.head}`)
        throw new AppError('conflict', 'auditAnchorGiven', {
          seq: r.anchor.seq,
          reason: out.t(r.anchor.reason === 'missing' ? 'errors.anchorMissing' : 'errors.anchorDiffers'),
          head: r.head ?? '—',
          entries: r.entries,
        });
      throw failure(r, out);
    }
  },
};
