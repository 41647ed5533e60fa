import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch';
import { call } from '../../src/main/api/dispatch';
import { createI18n } from '../../src/shared/i18n';
import { freshRuntime } from '../support/workspace';

/**
 * Japanese everywhere in Japanese (#15 part 5): every import path and API refusal, fed bad input, gives a message
 * that in ja is Japanese, not an English sentence from a parser or library. Allowed inside a ja message: IDs,
 * file names, numbers, format names and whatever is quoted (「…」, "…": the user's own input). Flagged: four or more
 * English words in a row outside quotes.
 */

type Msg = { source: string; key: string; params: Record<string, string | number>; catalog?: boolean };

const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,;:'’-]+[A-Za-z]{2,}){3,}/;
function englishSentence(ja: string): string | null {
  const stripped = ja
    .replace(/「[^」]*」|『[^』]*』|"[^"]*"|“[^”]*”|（[^）]*[/\\.][^）]*）/g, ' ')
    .replace(/\S*[0-9_./\\@:=<>[\]{}]\S*/g, ' ');
  return ENGLISH_RUN.exec(stripped)?.[0] ?? null;
}

/**
 * A sentence of a ja message (split at 。 and line ends) with letters in it but no kana or kanji once IDs, paths,
 * numbers and quoted input are set aside: "Invalid input" alone is as foreign as a long English sentence.
 */
function asciiOnlySentence(ja: string): string | null {
  for (const sentence of ja.split(/[。\n]/)) {
    const own = sentence.replace(/「[^」]*」|『[^』]*』|"[^"]*"|“[^”]*”/g, ' ');
    const words = own.replace(/\S*[0-9_./\\@:=<>[\]{}]\S*/g, ' ');
    if (/[A-Za-z]{2,}/.test(words) && !/[\u3040-\u30ff\u3400-\u9fff]/.test(own)) return sentence.trim();
  }
  return null;
}

const XLSX_NOT_ZIP = Buffer.from('PK\u0003\u0004garbage that is not a zip at all').toString('base64');

async function collect(): Promise<Msg[]> {
  const rt = await freshRuntime();
  const ctx = rt.ctx;
  const demo = await call(ctx, 'demo.create', {});
  const out: Msg[] = [];
  const api = async (source: string, channel: string, input: unknown) => {
    const r = await dispatch(ctx, channel, input);
    if (!r.ok) out.push({ source, key: r.error.key, params: r.error.params });
    else {
      const v = r.value as { errors?: { key: string; params: Record<string, string | number> }[] };
      for (const d of v.errors ?? []) out.push({ source, key: d.key, params: d.params, catalog: true });
    }
  };
  const catalogFile = (fileName: string, content: string, extra: Record<string, unknown> = {}) => ({
    fileName,
    content,
    ...extra,
  });
  for (const ch of ['catalogs.preview', 'catalogs.import']) {
    await api(`${ch} yaml`, ch, catalogFile('bad.yaml', 'id: [unclosed\n  : : :'));
    await api(`${ch} json`, ch, catalogFile('bad.json', '{"id": "x", '));
    await api(`${ch} csv`, ch, catalogFile('bad.csv', 'a,b\n"unterminated'));
    await api(`${ch} xlsx`, ch, catalogFile('bad.xlsx', XLSX_NOT_ZIP, { encoding: 'base64', format: 'xlsx' }));
    await api(`${ch} oscal`, ch, catalogFile('bad.json', '{"catalog": {"uuid": "nope"}}', { format: 'oscal' }));
  }
  await api('assessments.import json', 'assessments.import', { content: '{not json' });
  await api('assessments.import schema', 'assessments.import', { content: '{"format":"tenken-assessment/1"}' });
  await api('assessments.importSealed', 'assessments.importSealed', {
    content: Buffer.from('tenken-sealed/1 garbage').toString('base64'),
    passphrase: 'a long enough passphrase',
  });
  await api('answers.previewWorkbook not zip', 'answers.previewWorkbook', {
    assessmentId: demo.id,
    fileName: 'x.xlsx',
    content: XLSX_NOT_ZIP,
    lang: 'ja',
  });
  // Request and response packages, a merge copy, the answer workbook applied, a catalog in Shift_JIS with a bad row.
  const garbage = Buffer.from('tenken-sealed/1 garbage').toString('base64');
  await api('responses.open garbage', 'responses.open', { content: garbage, passphrase: 'a long enough passphrase' });
  await api('requests.importResponse garbage', 'requests.importResponse', {
    assessmentId: demo.id,
    content: garbage,
    passphrase: 'a long enough passphrase',
  });
  await api('requests.create bad due', 'requests.create', {
    assessmentId: demo.id,
    respondent: '人事部',
    selector: { by: 'controls', controlKeys: ['zz-99'] },
    passphrase: 'a long enough passphrase',
    due: '03/31/2027',
  });
  await api('assessments.mergePreview json', 'assessments.mergePreview', { content: '{not json' });
  await api('answers.importWorkbook not zip', 'answers.importWorkbook', {
    assessmentId: demo.id,
    fileName: 'x.xlsx',
    content: XLSX_NOT_ZIP,
    lang: 'ja',
  });
  await api('api bad date', 'assessments.update', { id: demo.id, periodStart: '2027-02-30' });
  await api('api too long', 'assessments.create', { name: 'N'.repeat(201), catalog: 'ismap' });
  await api('api unknown channel', 'nope.nothing', {});
  await api('api invalid uuid', 'assessments.get', { id: 'not-a-uuid' });
  await api('api missing field', 'answers.set', { assessmentId: demo.id });
  await api('api not found', 'assessments.get', { id: '00000000-0000-4000-8000-000000000000' });
  await api('api unknown control', 'answers.set', { assessmentId: demo.id, controlKey: 'zz-99', value: 'implemented' });
  return out;
}

describe('Japanese everywhere in Japanese', () => {
  it('gives a Japanese message (no English sentence) for every refused import and API input, and an English one in en', async () => {
    const msgs = await collect();
    expect(msgs.length).toBeGreaterThan(22);
    const ja = createI18n('ja').t;
    const en = createI18n('en').t;
    const leaks: string[] = [];
    for (const m of msgs) {
      const key = `${m.catalog ? 'catalogErrors' : 'errors'}.${m.key}`;
      const jaText = ja(key, m.params as Record<string, unknown>);
      const enText = en(key, m.params as Record<string, unknown>);
      expect(jaText, `${m.source}: ${key} has no ja text`).not.toBe(key);
      expect(enText, `${m.source}: ${key} has no en text`).not.toBe(key);
      const hit = englishSentence(jaText) ?? asciiOnlySentence(jaText);
      if (hit) leaks.push(`${m.source} → ${key}: …${hit}… in 「${jaText}」`);
    }
    expect(leaks).toEqual([]);
  }, 60_000);

  it('the check itself finds an English sentence and lets IDs, file names and quoted input pass', () => {
    expect(englishSentence('入力が正しくありません（id）: Invalid UUID string was given here')).not.toBeNull();
    expect(englishSentence('「bad.yaml」の 3 行目: 「this is the user own text」は読めません')).toBeNull();
    expect(englishSentence('管理策 ID A.5.1.1 と ipa-web-meeting:S-1.2 が見つかりません（JSON / YAML）')).toBeNull();
    expect(asciiOnlySentence('ファイルを読めません。Invalid input')).toBe('Invalid input');
    expect(asciiOnlySentence('「bad.yaml」の 3 行目が読めません。ID: A.5.1.1')).toBeNull();
  });
});
