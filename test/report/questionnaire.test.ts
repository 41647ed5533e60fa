import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { getAssessmentCatalogDetails } from '../../src/main/assessments/assessments';
import { questionnaireHtml } from '../../src/main/report/questionnaire';
import { freshRuntime } from '../support/workspace';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
  existsSync(p),
);

describe('blank questionnaire', () => {
  it('has every assessable control in scope of every catalog, one empty box per answer of its scale, and no answers filled in', async () => {
    const rt = await freshRuntime();
    const a = await call(rt.ctx, 'demo.create', {});
    const details = getAssessmentCatalogDetails(rt.ctx, a.id);
    for (const lang of ['ja', 'en'] as const) {
      const html = questionnaireHtml(details, lang, '');
      const sections = html.split('<section class="control">').slice(1);
      const expected = details.flatMap((d) => d.controls.filter((c) => c.assessable && c.applicable));
      expect(sections.length).toBe(expected.length);
      const d0 = details[0];
      const boxes = (sections[0]?.match(/class="box"/g) ?? []).length;
      expect(boxes).toBe(d0?.answerScale.length);
      for (const s of d0?.answerScale ?? []) expect(sections[0]).toContain(s.label[lang]);
      // Blank: the demo's comments are not printed.
      const comment = d0?.answers.find((x) => x.comment.length > 8)?.comment;
      if (comment) expect(html).not.toContain(comment);
    }
    expect(questionnaireHtml(details, 'ja', '')).toContain('点検 質問票（記入用）');
    expect(questionnaireHtml(details, 'en', '')).toContain('Assessment questionnaire (blank)');
  });

  it.skipIf(!CHROMIUM)(
    'prints through the report PDF pipeline',
    async () => {
      const rt = await freshRuntime();
      const a = await call(rt.ctx, 'demo.create', {});
      const r = await call(rt.ctx, 'report.questionnaire', { assessmentId: a.id, lang: 'ja' });
      const pdf = Buffer.from(r.content, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(r.fileName).toMatch(/^tenken-questionnaire-.*-ja\.pdf$/);
    },
    120_000,
  );
});
