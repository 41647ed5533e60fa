import { userInfo } from 'node:os';
import { canonicalTimeZone } from '../../core/util/zoned-time';
import { AppError } from '../../shared/api/errors';
import type { Language, Settings } from '../../shared/api/types';
import type { ServiceContext } from '../context';
import { stmt } from '../db/statements';

/** The OS account's name, asked once per process (it does not change while the process runs). */
let osUserName: string | undefined;
function safeUserName(): string {
  if (osUserName === undefined) {
    try {
      osUserName = userInfo().username || 'user';
    } catch {
      osUserName = 'user';
    }
  }
  return osUserName;
}

/** The OS's time zone as Node sees it (TZ, else the system's), by its IANA name; UTC where it has none Intl knows. */
export function systemTimeZone(): string {
  try {
    return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

export function getSettings(ctx: ServiceContext): Settings {
  const rows = ctx.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const language = map.get('language');
  const system = systemTimeZone();
  // A stored zone this machine's Intl does not know (moved from a newer system) falls back to the OS's.
  const chosen = canonicalTimeZone(map.get('timeZone') ?? '');
  return {
    language: language === 'en' || language === 'ja' ? (language as Language) : 'ja',
    userName: map.get('userName') ?? safeUserName(),
    timeZone: chosen ?? system,
    timeZoneFollowsSystem: chosen === null,
    systemTimeZone: system,
    atRestNoticeDismissed: map.get('atRestNoticeDismissed') === '1',
  };
}

/** `timeZone`: an IANA name (stored in its canonical spelling), or null to follow the OS again. */
export type SettingsPatch = {
  language?: Language | undefined;
  userName?: string | undefined;
  timeZone?: string | null | undefined;
  atRestNoticeDismissed?: true | undefined;
};

export function updateSettings(ctx: ServiceContext, patch: SettingsPatch): Settings {
  let zone: string | null | undefined = patch.timeZone;
  if (typeof zone === 'string') {
    const canonical = canonicalTimeZone(zone.trim());
    if (!canonical) throw new AppError('bad_input', 'timeZoneUnknown', { zone });
    zone = canonical;
  }
  const put = ctx.db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  ctx.db.transaction(() => {
    if (patch.language !== undefined) put.run('language', patch.language);
    if (patch.userName !== undefined) put.run('userName', patch.userName);
    if (patch.atRestNoticeDismissed) put.run('atRestNoticeDismissed', '1');
    if (zone === null) ctx.db.prepare("DELETE FROM settings WHERE key = 'timeZone'").run();
    else if (zone !== undefined) put.run('timeZone', zone);
  })();
  return getSettings(ctx);
}

/** Who is acting: recorded on every answer and history entry. */
export const actorOf = (ctx: ServiceContext) =>
  (stmt(ctx.db, "SELECT value FROM settings WHERE key = 'userName'").get() as { value: string } | undefined)?.value ??
  safeUserName();

/** The zone times are shown and printed in: the user's setting, else the OS's. */
export const timeZoneOf = (ctx: ServiceContext) => getSettings(ctx).timeZone;
