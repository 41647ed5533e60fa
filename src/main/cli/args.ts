import { parseArgs } from 'node:util';
import { AppError } from '../../shared/api/errors';

export type CliArgs = {
  command: string[];
  global: { dataDir?: string | undefined; json: boolean; lang?: 'ja' | 'en' | undefined; help: boolean };
  options: Record<string, string | boolean | undefined>;
};

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  catalog: { type: 'string' },
  organization: { type: 'string' },
  scope: { type: 'string' },
  assessment: { type: 'string' },
  assessments: { type: 'string' },
  control: { type: 'string' },
  value: { type: 'string' },
  comment: { type: 'string' },
  justification: { type: 'string' },
  port: { type: 'string' },
  format: { type: 'string' },
  version: { type: 'string' },
  out: { type: 'string' },
  sheet: { type: 'string' },
  preset: { type: 'string' },
  encoding: { type: 'string' },
  id: { type: 'string' },
  status: { type: 'string' },
  marking: { type: 'string' },
  'date-style': { type: 'string' },
  sections: { type: 'string' },
  profile: { type: 'string' },
  assessors: { type: 'string' },
  contact: { type: 'string' },
  'period-start': { type: 'string' },
  'period-end': { type: 'string' },
  /** `assessment update`: the overall comment (総評) printed in the report's summary. */
  'overall-comment': { type: 'string' },
  open: { type: 'boolean' },
  /** `answers import`: apply the workbook (without it, the diff only). */
  apply: { type: 'boolean' },
  /** The passphrase of a sealed package, from the first line of this file: never on the command line, where other users and the shell history see it. */
  'passphrase-file': { type: 'string' },
  // Signing a PDF report: the PKCS#12 file and a file holding its password (never the password itself).
  'sign-p12': { type: 'string' },
  'sign-password-file': { type: 'string' },
  timestamp: { type: 'boolean' },
  'tsa-url': { type: 'string' },
  'require-signature': { type: 'boolean' },
  // Sign-off: `assessment signoff --step prepared|reviewed --by NAME [--role R]`, `assessment approve --by NAME`.
  step: { type: 'string' },
  by: { type: 'string' },
  role: { type: 'string' },
  // Merging a copy of an assessment: every conflict one way, or one by one (KEY=ours|theirs, repeatable).
  take: { type: 'string' },
  choose: { type: 'string', multiple: true },
  // Periods and housekeeping (commands/periods.ts).
  from: { type: 'string' },
  show: { type: 'string' },
  yes: { type: 'boolean' },
  // Requests and responses (request create / response answer|seal).
  respondent: { type: 'string' },
  owner: { type: 'string' },
  group: { type: 'string' },
  tag: { type: 'string' },
  controls: { type: 'string' },
  due: { type: 'string' },
  request: { type: 'string' },
} as const;

export function parseCli(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new AppError('bad_input', 'usage', { detail: (e as Error).message.split('\n')[0] ?? '' });
  }
  const { values, positionals } = parsed;
  const lang = values.lang;
  if (lang !== undefined && lang !== 'ja' && lang !== 'en')
    throw new AppError('bad_input', 'usage', { detail: '--lang ja|en' });
  const { 'data-dir': dataDir, json, help, lang: _l, choose, ...rest } = values;
  // A repeatable option arrives as a list: joined with commas (no control key holds one).
  const options = { ...rest, ...(choose ? { choose: choose.join(',') } : {}) };
  return { command: positionals, global: { dataDir, json: json ?? false, lang, help: help ?? false }, options };
}

export function requireOption(args: CliArgs, name: string): string {
  const v = args.options[name];
  if (typeof v !== 'string' || v === '') throw new AppError('bad_input', 'missingOption', { option: name });
  return v;
}
