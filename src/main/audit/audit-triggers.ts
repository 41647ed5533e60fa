import type { ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { appendAudit } from './audit-log';

/**
 * The triggers that keep the history append-only inside SQLite (created by migration 0010). Anyone with the file
 * can drop them with the sqlite3 shell and then edit or delete entries; the chain and its anchors catch such an edit,
 * but the triggers stop careless ones. So at every start they are checked and, where one is missing or changed,
 * recreated exactly as the migration made it, and the repair is itself recorded as a history entry
 * (`audit.protectionRestored`, naming the triggers) so the gap shows in the history.
 */
export const AUDIT_TRIGGERS: Readonly<Record<string, string>> = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
};

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** Recreates missing or altered history triggers; returns the names it recreated (none on a healthy workspace). */
export function restoreAuditProtection(ctx: ServiceContext): string[] {
  const found = new Map(
    (
      ctx.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as {
        name: string;
        sql: string | null;
      }[]
    ).map((r) => [r.name, r.sql ?? '']),
  );
  const repaired = Object.keys(AUDIT_TRIGGERS).filter(
    (name) => squash(found.get(name) ?? '') !== squash(AUDIT_TRIGGERS[name] as string),
  );
  if (repaired.length === 0) return [];
  ctx.db.transaction(() => {
    for (const name of repaired) {
      // A trigger name cannot be a bound parameter; the names are the constants above.
      ctx.db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      ctx.db.exec(AUDIT_TRIGGERS[name] as string);
    }
    appendAudit(ctx.db, {
      at: ctx.now().toISOString(),
      actor: actorOf(ctx),
      action: 'audit.protectionRestored',
      assessmentId: null,
      entity: 'audit_log',
      entityId: 'triggers',
      oldValue: { missingOrChanged: repaired },
      newValue: { recreated: repaired },
      appVersion: ctx.appVersion,
    });
  })();
  return repaired;
}
