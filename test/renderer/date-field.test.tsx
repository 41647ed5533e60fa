// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DateField } from '../../src/renderer/components/DateField';
import { calendarDateProblem, normalizeCalendarDate } from '../../src/renderer/components/calendar-date';
import { initStrings } from './support';

afterEach(cleanup);

function Harness({ initial = '', onCommit }: { initial?: string; onCommit?: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  return <DateField label="期限" name="due" value={value} onChange={setValue} {...(onCommit ? { onCommit } : {})} />;
}
const input = () => document.querySelector('input[name="due"]') as HTMLInputElement;

describe('typed calendar dates', () => {
  it('reads what people type in Japan as YYYY-MM-DD and names what is not a day', () => {
    expect(normalizeCalendarDate('2027/3/31')).toBe('2027-03-31');
    expect(normalizeCalendarDate('２０２７－０３－３１')).toBe('2027-03-31');
    expect(normalizeCalendarDate('2027年3月1日')).toBe('2027-03-01');
    expect(normalizeCalendarDate(' 2027.12.1 ')).toBe('2027-12-01');
    expect(calendarDateProblem('')).toBeNull();
    expect(calendarDateProblem('2027/3/31')).toBeNull();
    expect(calendarDateProblem('03/31/2027')).toBe('format');
    expect(calendarDateProblem('2027-02-30')).toBe('noSuchDay');
    expect(calendarDateProblem('2028-02-29')).toBeNull();
  });

  it.each([
    ['ja', 'YYYY-MM-DD の形で入力してください', '2027-02-30 という日はありません。'],
    ['en', 'Enter the date as YYYY-MM-DD', 'There is no day 2027-02-30.'],
  ] as const)('is a text field with its own message in %s, never the browser picker', (lang, format, noDay) => {
    initStrings(lang);
    const onCommit = vi.fn();
    render(<Harness onCommit={onCommit} />);
    expect(input().type).toBe('text');
    expect(input().placeholder).toBe('YYYY-MM-DD');
    expect(input().required).toBe(false);

    fireEvent.focus(input());
    fireEvent.change(input(), { target: { value: '3/31' } });
    expect(screen.queryByRole('alert')).toBeNull(); // no message while typing
    fireEvent.blur(input());
    expect(screen.getByRole('alert').textContent).toContain(format);
    expect(input().getAttribute('aria-invalid')).toBe('true');
    // The field is named by its label alone; the message describes it (it is not part of the name).
    expect(screen.getByRole('textbox', { name: '期限' })).toBe(input());
    expect(screen.getByRole('textbox', { description: screen.getByRole('alert').textContent ?? '' })).toBe(input());

    fireEvent.focus(input());
    fireEvent.change(input(), { target: { value: '2027-02-30' } }); // ten characters: said at once
    expect(screen.getByRole('alert').textContent).toBe(noDay);

    fireEvent.change(input(), { target: { value: '2027/3/31' } });
    fireEvent.blur(input());
    expect(input().value).toBe('2027-03-31');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onCommit).toHaveBeenLastCalledWith('2027-03-31');
  });
});

describe('no browser validation in the renderer', () => {
  it('no input asks the browser to validate or pick a date (required, pattern, type=date/email/number/url)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.tsx')) files.push(p);
      }
    };
    walk(join(__dirname, '../../src/renderer'));
    expect(files.length).toBeGreaterThan(20);
    const native =
      /(?:^|\s)required(?=\s*(?:\/?>|$|[a-zA-Z-]+=))|\spattern=|type="(?:date|email|number|url|datetime-local|month|week|time)"/m;
    const found = files.filter((f) => native.test(readFileSync(f, 'utf8'))).map((f) => f.split('src/renderer/')[1]);
    expect(found).toEqual([]);
  });
});
