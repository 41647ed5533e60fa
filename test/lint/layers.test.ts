import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rules must actually fire: lint snippets as if they lived in each layer.
const eslint = new ESLint({ cwd: join(__dirname, '../..') });
async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(__dirname, '../..', file) });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it('keep Node, Electron, React and the DOM out of the core', async () => {
    expect(
      (
        await problems('src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")
      ).join(),
    ).toMatch(/without Node/);
    expect(
      (await problems('src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).join(),
    ).toMatch(/electron/);
    expect((await problems('src/core/x.ts', 'export const a = () => document.title;\n')).join()).toMatch(
      /without a DOM/,
    );
    expect(
      (
        await problems(
          'src/shared/x.ts',
          "import { openWorkspace } from '../main/workspace/open';\nexport const a = openWorkspace;\n",
        )
      ).join(),
    ).toMatch(/depends on nothing above/);
  });

  it('keep Node out of the renderer and electron inside its shell', async () => {
    expect(
      (
        await problems('src/renderer/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n")
      ).join(),
    ).toMatch(/without Node/);
    expect(
      (await problems('src/main/assessments/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).join(),
    ).toMatch(/Only src\/main\/electron/);
    expect(
      await problems('src/main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toEqual([]);
  });

  it('keep the layers one-way: core below the contract, services below the shells, shells apart', async () => {
    // The core is the bottom layer: a planted import of the contract fails, the reverse is allowed.
    expect(
      (
        await problems(
          'src/core/report/x.ts',
          "import type { AnswerView } from '../../shared/api/types';\nexport type A = AnswerView;\n",
        )
      ).join(),
    ).toMatch(/contract in src\/shared is built on the core/);
    expect(
      await problems(
        'src/shared/api/x.ts',
        "import type { AnswerRecord } from '../../core/assessment/records';\nexport type A = AnswerRecord;\n",
      ),
    ).toEqual([]);
    // A service imports no shell.
    expect(
      (
        await problems(
          'src/main/assessments/x.ts',
          "import { startWebShell } from '../web/server';\nexport const a = startWebShell;\n",
        )
      ).join(),
    ).toMatch(/A service imports no shell/);
    expect(
      (
        await problems(
          'src/main/report/render/x.ts',
          "import { runCli } from '../../cli/main';\nexport const a = runCli;\n",
        )
      ).join(),
    ).toMatch(/A service imports no shell/);
    // A shell imports no other shell, only the services and the neutral pieces in src/main/app.
    expect(
      (
        await problems(
          'src/main/electron/x.ts',
          "import { startWebShell } from '../web/server';\nexport const a = startWebShell;\n",
        )
      ).join(),
    ).toMatch(/A shell imports no other shell/);
    expect(
      (
        await problems(
          'src/main/cli/commands/x.ts',
          "import { runWeb } from '../../web/launch';\nexport const a = runWeb;\n",
        )
      ).join(),
    ).toMatch(/A shell imports no other shell/);
    expect(
      (await problems('src/main/web/x.ts', "import { runCli } from '../cli/main';\nexport const a = runCli;\n")).join(),
    ).toMatch(/A shell imports no other shell/);
    expect(
      await problems(
        'src/main/electron/x.ts',
        "import { readStatic } from '../app/static-files';\nexport const a = readStatic;\n",
      ),
    ).toEqual([]);
    expect(
      await problems('src/main/web/x.ts', "import { call } from '../api/dispatch';\nexport const a = call;\n"),
    ).toEqual([]);
    // Renderer features link through navigation/routes, not the app shell's router.
    expect(
      (
        await problems(
          'src/renderer/features/home/x.ts',
          "import { useRoute } from '../../app/router';\nexport const a = useRoute;\n",
        )
      ).join(),
    ).toMatch(/Features do not import the app shell/);
    expect(
      await problems(
        'src/renderer/features/home/x.ts',
        "import { href } from '../../navigation/routes';\nexport const a = href;\n",
      ),
    ).toEqual([]);
    // A migration imports no live code.
    expect(
      (
        await problems(
          'src/main/db/migrations/0099-x.ts',
          "import { controlSearchText } from '../../../core/catalog/search-text';\nexport const a = controlSearchText;\n",
        )
      ).join(),
    ).toMatch(/A migration is frozen/);
    expect(
      await problems(
        'src/main/db/migrations/0099-x.ts',
        "import type { Migration } from './types';\nexport type M = Migration;\n",
      ),
    ).toEqual([]);
  });

  it('forbid browser pop-ups (prompt, confirm, alert) anywhere in the renderer', async () => {
    // window.prompt does not exist in Electron; the app's own Dialog is used instead.
    for (const file of [
      'src/renderer/features/assessment/x.tsx',
      'src/renderer/components/x.ts',
      'src/renderer/app/x.ts',
    ]) {
      const planted = await problems(
        file,
        "export const a = () => window.prompt('x');\nexport const b = () => confirm('x');\nexport const c = () => globalThis.alert('x');\n",
      );
      expect(
        planted.filter((p) => /no-restricted-(globals|properties)/.test(p) && /Dialog component/.test(p)),
        file,
      ).toHaveLength(3);
    }
    // A function of one's own that happens to be called confirm is not a pop-up.
    expect(
      await problems('src/renderer/components/x.ts', 'export function f(confirm: () => void) { confirm(); }\n'),
    ).toEqual([]);
  });

  it('forbid turning off the renderer sandbox', async () => {
    expect(
      (
        await problems('src/main/electron/x.ts', 'export const p = { sandbox: false, nodeIntegration: true };\n')
      ).join(),
    ).toMatch(/sandbox stays on.*nodeIntegration stays off|nodeIntegration stays off.*sandbox stays on/);
  });
});
