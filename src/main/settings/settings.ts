import { userInfo } from 'node:os';
import type { Language, Settings } from '../../shared/api/types';
import type { ServiceContext } from '../context';

const DEFAULTS = (): Settings => ({ language: 'ja', userName: safeUserName() });

function safeUserName(): string {
  try {
    return userInfo().username || 'user';
  } catch {
    return 'user';
  }
}

export function getSettings(ctx: ServiceContext): Settings {
  const rows = ctx.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const d = DEFAULTS();
  const language = map.get('language');
  return {
    language: language === 'en' || language === 'ja' ? (language as Language) : d.language,
    userName: map.get('userName') ?? d.userName,
  };
}

export function updateSettings(ctx: ServiceContext, patch: Partial<Settings>): Settings {
  const put = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  ctx.db.transaction(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, v);
  })();
  return getSettings(ctx);
}

/** Who is acting: recorded on every answer and history entry. */
export const actorOf = (ctx: ServiceContext) => getSettings(ctx).userName;
