import type { Command, CommandTable } from '../command-types';
import { answerCommands } from './answer';
import { answersWorkbookCommands } from './answers-workbook';
import { questionnaireCommands } from './questionnaire';
import { assessmentCommands } from './assessment';
import { auditCommands } from './audit';
import { catalogCommands } from './catalog';
import { demoCommands } from './demo';
import { evidenceCommands } from './evidence';
import { mergeCommands } from './merge';
import { periodCommands } from './periods';
import { reportCommands } from './report';
import { rollupCommands } from './rollup';
import { signoffCommands } from './signoff';
import { requestCommands } from './request';

/**
 * Every command that runs against an open workspace, one file per noun (`version`, `help` and `web` are in main.ts;
 * `backup list|restore` work on the folder without opening it: ./backup.ts).
 */
export const commands: CommandTable = {
  ...catalogCommands,
  ...assessmentCommands,
  ...mergeCommands,
  ...answerCommands,
  ...answersWorkbookCommands,
  ...evidenceCommands,
  ...auditCommands,
  ...reportCommands,
  ...rollupCommands,
  ...questionnaireCommands,
  ...demoCommands,
  ...signoffCommands,
  ...periodCommands,
  ...requestCommands,
};

/** Finds the longest command name matching the positionals (`assessment create` before `assessment`). */
export function findCommand(positionals: string[]): { name: string; run: Command } | null {
  for (const n of [2, 1]) {
    const name = positionals.slice(0, n).join(' ');
    const run = commands[name];
    if (run) return { name, run };
  }
  return null;
}
