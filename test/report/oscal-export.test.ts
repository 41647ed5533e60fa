import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TENKEN_OSCAL_NS } from '../../src/core/oscal/results/results';
import { call } from '../../src/main/api/dispatch';
import { buildOscalReport } from '../../src/main/report/build';
import { freshRuntime } from '../support/workspace';

// The official OSCAL 1.2.1 schemas, vendored so the validation runs on every clean clone.
const shared = join(__dirname, '../../vendor/oscal-schemas/1.2.1');

type Prop = { name: string; ns?: string; value: string };
const propsNamed = (doc: unknown, name: string): string[] => {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (Array.isArray(o.props))
        for (const p of o.props as Prop[]) if (p.ns === TENKEN_OSCAL_NS && p.name === name) out.push(p.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(doc);
  return out;
};

async function sample() {
  const rt = await freshRuntime();
  const demo = await call(rt.ctx, 'demo.create', {});
  return { rt, demo };
}

describe('OSCAL export of a whole assessment', () => {
  it('writes assessment results and a POA&M over both catalogs of the sample, valid against the official schemas', async () => {
    const { rt, demo } = await sample();
    for (const [format, schema] of [
      ['oscal-ar', 'oscal_assessment-results_schema.json'],
      ['oscal-poam', 'oscal_poam_schema.json'],
    ] as const) {
      const r = await call(rt.ctx, 'report.build', { assessmentId: demo.id, format, lang: 'ja' });
      expect(r.fileName).toMatch(new RegExp(`\\.${format}\\.json$`));
      const doc = JSON.parse(Buffer.from(r.content, 'base64').toString('utf8')) as Record<string, unknown>;
      const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(readFileSync(join(shared, schema), 'utf8')) as object);
      const ok = validate(doc);
      expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
      // Both catalogs of the assessment are in one document.
      const catalogs = new Set(propsNamed(doc, 'catalog-id'));
      if (format === 'oscal-ar') expect([...catalogs].sort()).toEqual(['ipa-web-meeting', 'ismap']);
    }
  });

  it('gives the same bytes for the same data (name-based UUIDs), and keeps our exact answer values', async () => {
    const { rt, demo } = await sample();
    const at = '2026-11-23T00:00:00Z';
    const a = buildOscalReport(rt.ctx, { assessmentId: demo.id, lang: 'en', format: 'oscal-ar', generatedAt: at });
    const b = buildOscalReport(rt.ctx, { assessmentId: demo.id, lang: 'en', format: 'oscal-ar', generatedAt: at });
    expect(a.equals(b)).toBe(true);
    const doc = JSON.parse(a.toString('utf8')) as unknown;
    const d = await call(rt.ctx, 'assessments.get', { id: demo.id, catalog: 'ipa-web-meeting' });
    const values = propsNamed(doc, 'answer-value');
    for (const x of d.answers) if (x.value) expect(values).toContain(x.value);
    const ids = propsNamed(doc, 'control-id');
    const answered = d.answers.filter((x) => x.value).map((x) => x.controlId);
    expect(answered.length).toBeGreaterThan(5);
    expect(ids).toEqual(expect.arrayContaining(answered));
  });
});
