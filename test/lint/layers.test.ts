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
    expect((await problems('src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).join()).toMatch(/without Node/);
    expect((await problems('src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).join()).toMatch(/electron/);
    expect((await problems('src/core/x.ts', 'export const a = () => document.title;\n')).join()).toMatch(/without a DOM/);
    expect((await problems('src/shared/x.ts', "import { openWorkspace } from '../main/workspace/open';\nexport const a = openWorkspace;\n")).join()).toMatch(/depends on nothing above/);
  });

  it('keep Node out of the renderer and electron inside its shell', async () => {
    expect((await problems('src/renderer/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n")).join()).toMatch(/without Node/);
    expect((await problems('src/main/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).join()).toMatch(/Only src\/main\/electron/);
    expect(await problems('src/main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('forbid turning off the renderer sandbox', async () => {
    expect((await problems('src/main/electron/x.ts', 'export const p = { sandbox: false, nodeIntegration: true };\n')).join()).toMatch(/sandbox stays on.*nodeIntegration stays off|nodeIntegration stays off.*sandbox stays on/);
  });
});
