import type { TFunction } from 'i18next';
import type { Runtime } from '../app/runtime';
import type { CliArgs } from './args';

/** Where a command writes: JSON for machines (`--json`) or text in the user's language. */
export type Out = { json: boolean; lang: 'ja' | 'en'; t: TFunction; print: (s: string) => void };
export type Command = (rt: Runtime, args: CliArgs, out: Out) => Promise<void>;
/** Commands by their name as typed: `<noun> <verb>` (or one word). */
export type CommandTable = Record<string, Command>;

export const emit = (out: Out, value: unknown, human: () => string) =>
  out.print(out.json ? JSON.stringify(value, null, 2) : human());
