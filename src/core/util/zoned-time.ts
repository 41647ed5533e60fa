/**
 * Wall-clock time in a named time zone (IANA, e.g. Asia/Tokyo), for showing and printing stored UTC timestamps where
 * the user is. Pure ECMAScript: Intl.DateTimeFormat with `timeZone` (no Node, no DOM); the same instant and zone give
 * the same text on every machine, whatever its own zone.
 */

export type ZonedTime = {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM (24-hour) in the zone. */
  time: string;
  /** ±HH:MM from UTC at that instant (summer time included). */
  offset: string;
  /** A letter abbreviation where Intl has one for the zone (JST, UTC, EST, CET…), else null. */
  abbreviation: string | null;
};

const partsFormats = new Map<string, Intl.DateTimeFormat>();
const nameFormats = new Map<string, Intl.DateTimeFormat[]>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, f);
  }
  return f;
}

// Intl names a zone in letters in some locales only (Tokyo is "JST" in ja-JP but "GMT+9" in en-US; New York "EST"
// in en-US but "GMT-5" in ja-JP): the first locale that gives letters wins.
const NAME_LOCALES = ['en-US', 'ja-JP', 'en-GB'];

function zoneNames(timeZone: string): Intl.DateTimeFormat[] {
  let f = nameFormats.get(timeZone);
  if (!f) {
    f = NAME_LOCALES.map((l) => new Intl.DateTimeFormat(l, { timeZone, timeZoneName: 'short' }));
    nameFormats.set(timeZone, f);
  }
  return f;
}

/** The zone's canonical IANA name (`asia/tokyo` → `Asia/Tokyo`), or null where Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  if (!name || name.length > 64) return null;
  try {
    return partsFormat(name).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant in the zone; null for text that is not a timestamp. Throws RangeError for an unknown zone. */
export function zonedTime(iso: string, timeZone: string): ZonedTime | null {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  const p = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  const [y, mo, da, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const minutes = Math.round((Date.UTC(y, mo - 1, da, h, mi, s) - Math.floor(t / 1000) * 1000) / 60000);
  const abs = Math.abs(minutes);
  const offset = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  let abbreviation: string | null = null;
  for (const f of zoneNames(timeZone)) {
    const name = f.formatToParts(d).find((x) => x.type === 'timeZoneName')?.value ?? '';
    // "GMT" alone is a letter name only where the offset is zero (London in winter); "GMT+9" is not one.
    if (/^[A-Z]{2,5}$/.test(name) && (name !== 'GMT' || minutes === 0)) {
      abbreviation = name;
      break;
    }
  }
  return {
    date: `${String(y).padStart(4, '0')}-${pad(mo)}-${pad(da)}`,
    time: `${pad(h)}:${pad(mi)}`,
    offset,
    abbreviation,
  };
}

/** How the zone is written after a time: `JST (+09:00)`, `UTC+05:30` without a letter name, `UTC` for UTC itself. */
export function zoneSuffix(z: Pick<ZonedTime, 'offset' | 'abbreviation'>): string {
  if (z.abbreviation === 'UTC' && z.offset === '+00:00') return 'UTC';
  return z.abbreviation ? `${z.abbreviation} (${z.offset})` : `UTC${z.offset}`;
}
