import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/core/report/dates';
import { formatTimestamp } from '../../src/core/report/model';

describe('report date styles', () => {
  it('writes ISO, Japanese and Japanese-era dates', () => {
    expect(formatDate('2026-06-10', 'iso')).toBe('2026-06-10');
    expect(formatDate('2026-06-10', 'japanese')).toBe('2026年6月10日');
    expect(formatDate('2026-06-10', 'wareki')).toBe('令和8年6月10日');
    expect(formatDate('2019-05-01', 'wareki')).toBe('令和元年5月1日');
    expect(formatDate('2019-04-30', 'wareki')).toBe('平成31年4月30日');
    expect(formatDate('not a date', 'wareki')).toBe('not a date');
  });

  it('prints times in UTC where no zone is given, whatever the style', () => {
    expect(formatTimestamp('2026-06-10T00:30:00+09:00', 'wareki')).toBe('令和8年6月9日 15:30 UTC');
    expect(formatTimestamp('2026-06-10T00:30:00Z')).toBe('2026-06-10 00:30 UTC');
  });

  it('prints times in the given zone with its abbreviation and offset, the date turning over where the zone does', () => {
    expect(formatTimestamp('2026-12-03T11:05:00Z', 'iso', 'Asia/Tokyo')).toBe('2026-12-03 20:05 JST (+09:00)');
    // 15:30 UTC on 9 June is already 10 June in Tokyo: the date is the zone's date, in the report's style.
    expect(formatTimestamp('2026-06-09T15:30:00Z', 'wareki', 'Asia/Tokyo')).toBe('令和8年6月10日 00:30 JST (+09:00)');
    expect(formatTimestamp('2026-06-09T15:30:00Z', 'japanese', 'Asia/Tokyo')).toBe('2026年6月10日 00:30 JST (+09:00)');
    // Summer time follows the instant; a zone without a letter name shows its offset only.
    expect(formatTimestamp('2026-07-01T12:00:00Z', 'iso', 'America/New_York')).toBe('2026-07-01 08:00 EDT (-04:00)');
    expect(formatTimestamp('2026-12-01T12:00:00Z', 'iso', 'America/New_York')).toBe('2026-12-01 07:00 EST (-05:00)');
    expect(formatTimestamp('2026-12-01T12:00:00Z', 'iso', 'Asia/Kolkata')).toBe('2026-12-01 17:30 UTC+05:30');
    expect(formatTimestamp('not a time', 'iso', 'Asia/Tokyo')).toBe('not a time');
  });
});
