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

  it('keeps times in UTC whatever the style', () => {
    expect(formatTimestamp('2026-06-10T00:30:00+09:00', 'wareki')).toBe('令和8年6月9日 15:30 UTC');
    expect(formatTimestamp('2026-06-10T00:30:00Z')).toBe('2026-06-10 00:30 UTC');
  });
});
