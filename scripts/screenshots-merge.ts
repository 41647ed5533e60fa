// The merge dialog for the screenshots: a copy of the sample engagement changed on another workspace (one control of
// its own, one conflict), picked on the start screen. Called by screenshots.ts after the other screens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { call } from '../src/main/api/dispatch';
import { startRuntime, type Runtime } from '../src/main/app/runtime';

/** Makes their copy once (ours gets its side of the conflict); returns the file to pick. */
export async function mergeCopy(rt: Runtime, id: string): Promise<Buffer> {
  const exported = async (r: Runtime) =>
    Buffer.from((await call(r.ctx, 'assessments.export', { id })).content, 'base64');
  const other = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'tenken-shots-copy-')), shell: 'web' });
  try {
    await call(other.ctx, 'settings.update', { userName: '情報システム部 田中' });
    await call(other.ctx, 'assessments.import', { content: (await exported(rt)).toString('utf8') });
    await call(other.ctx, 'answers.set', {
      assessmentId: id,
      controlKey: 'ipa-web-meeting:S-1.2',
      value: 'not_implemented',
      comment: '録画の保存先が未整備。',
    });
    await call(other.ctx, 'answers.set', {
      assessmentId: id,
      controlKey: 'ipa-web-meeting:S-1.3',
      value: 'not_applicable',
      justification: '外部との Web 会議は行っていない。',
    });
    await call(other.ctx, 'assessments.update', { id, assessors: '情報システム部 田中' });
    const file = await exported(other);
    const before = await call(rt.ctx, 'settings.get', {});
    await call(rt.ctx, 'settings.update', { userName: '本社 佐藤' });
    await call(rt.ctx, 'answers.set', {
      assessmentId: id,
      controlKey: 'ipa-web-meeting:S-1.3',
      value: 'partial',
      comment: '会議室の一部のみ設定済み。',
    });
    await call(rt.ctx, 'assessments.update', { id, assessors: '内部監査室 鈴木' });
    await call(rt.ctx, 'settings.update', { userName: before.userName });
    return file;
  } finally {
    other.close();
  }
}

/** Opens the merge dialog from the start screen's import, shoots it, chooses one conflict, shoots again, cancels. */
export async function mergeDialogShots(page: Page, file: Buffer, shot: (name: string) => Promise<unknown>) {
  await page.setInputFiles('input[name="assessmentFile"]', {
    name: 'engagement-copy.tenken-assessment.json',
    mimeType: 'application/json',
    buffer: file,
  });
  await page.waitForSelector('.modal .merge__table');
  await page.waitForTimeout(300);
  await shot('merge');
  await page.locator('.merge__table input[value="theirs"]').first().check();
  await page.waitForTimeout(150);
  await shot('merge-chosen');
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
}
