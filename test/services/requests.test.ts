import { describe, expect, it } from 'vitest';
import { call } from '../../src/main/api/dispatch';
import { createRequest, importResponse, listRequests } from '../../src/main/assessments/requests';
import {
  addResponseEvidence,
  openRequest,
  sealResponse,
  setResponseAnswer,
} from '../../src/main/assessments/responses';
import { AppError } from '../../src/shared/api/errors';
import { freshRuntime, snapshotTables } from '../support/workspace';

// The smallest scrypt cost Tenken accepts, so these tests do not spend seconds on every package; the channels
// (and the CLI test) use the real cost.
const FAST = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1 } as const;
const PASS = '依頼の合言葉 spring-2026';
type Rt = Awaited<ReturnType<typeof freshRuntime>>;

async function headOffice() {
  const rt = await freshRuntime();
  await call(rt.ctx, 'settings.update', { userName: '本社 監査室' });
  const a = await call(rt.ctx, 'assessments.create', { name: '2026 自己点検', catalog: 'ipa-web-meeting' });
  const d = await call(rt.ctx, 'assessments.get', { id: a.id });
  const keys = d.controls.filter((c) => c.assessable && c.applicable).map((c) => c.controlId);
  return { rt, id: a.id, keys, scale: d.answerScale };
}

async function respondent(name: string) {
  const rt = await freshRuntime();
  await call(rt.ctx, 'settings.update', { userName: name });
  return rt;
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.key;
    throw e;
  }
  throw new Error('not refused');
};

async function answered(resp: Rt, bytes: Buffer, answers: Record<string, string>, evidence?: string) {
  const item = await openRequest(resp.ctx, bytes, PASS);
  for (const [k, v] of Object.entries(answers))
    setResponseAnswer(resp.ctx, { requestId: item.requestId, controlKey: k, value: v, comment: `${k} は対応済み` });
  if (evidence)
    addResponseEvidence(resp.ctx, {
      requestId: item.requestId,
      controlKeys: Object.keys(answers).slice(0, 1),
      fileName: 'policy.txt',
      content: Buffer.from(evidence).toString('base64'),
    });
  return {
    item,
    response: (await sealResponse(resp.ctx, { requestId: item.requestId, passphrase: PASS }, FAST)).bytes,
  };
}

describe('distribute and collect (requests and responses)', () => {
  it('a request for two departments, answered in two workspaces, imported with respondents in the history', async () => {
    const { rt, id, keys } = await headOffice();
    const [k1, k2, k3] = keys as [string, string, string];
    await call(rt.ctx, 'answers.set', { assessmentId: id, controlKey: k1, value: 'partial', owner: '情報システム部' });
    const it1 = await createRequest(
      rt.ctx,
      {
        assessmentId: id,
        respondent: '情報システム部',
        selector: { by: 'owner', owner: '情報システム部' },
        due: '2026-12-31',
        passphrase: PASS,
      },
      FAST,
    );
    const it2 = await createRequest(
      rt.ctx,
      { assessmentId: id, respondent: '人事部', selector: { by: 'controls', controlKeys: [k2, k3] }, passphrase: PASS },
      FAST,
    );
    expect(it1.request.controlKeys).toEqual([k1]);
    // The clear-text header says only that it is a request: no respondent, no assessment name.
    const header = it1.bytes.subarray(0, it1.bytes.indexOf(0x0a)).toString('ascii');
    expect(JSON.parse(header).kind).toBe('request');
    for (const secret of ['情報システム部', '2026 自己点検', id])
      expect(it1.bytes.includes(Buffer.from(secret))).toBe(false);
    expect(listRequests(rt.ctx, id).map((r) => [r.respondent, r.state])).toEqual(
      expect.arrayContaining([
        ['情報システム部', 'out'],
        ['人事部', 'out'],
      ]),
    );

    // The respondent sees only the request's controls, with the catalog's text and the current answer.
    const it = await respondent('田中 (IT)');
    const a = await answered(it, it1.bytes, { [k1]: 'implemented' }, 'password policy v3');
    expect(a.item.request.controls.map((c) => c.controlKey)).toEqual([k1]);
    expect(a.item.request.controls[0]?.answer?.value).toBe('partial');
    expect(a.item.request.controls[0]?.title.ja).not.toBe('');
    const hr = await respondent('佐藤 (人事)');
    const b = await answered(hr, it2.bytes, { [k2]: 'implemented', [k3]: 'partial' });

    const s1 = await importResponse(rt.ctx, { assessmentId: id, bytes: a.response, passphrase: PASS });
    expect(s1).toMatchObject({
      respondent: '情報システム部',
      answeredBy: '田中 (IT)',
      applied: [k1],
      evidenceAdded: 1,
    });
    const s2 = await importResponse(rt.ctx, { assessmentId: id, bytes: b.response, passphrase: PASS });
    expect(s2.applied).toEqual([k2, k3]);

    const d = await call(rt.ctx, 'assessments.get', { id });
    const byKey = new Map(d.answers.map((x) => [x.controlKey, x]));
    expect(byKey.get(k1)).toMatchObject({ value: 'implemented', updatedBy: '田中 (IT)', owner: '情報システム部' });
    expect(byKey.get(k3)).toMatchObject({ value: 'partial', updatedBy: '佐藤 (人事)' });
    const history = await call(rt.ctx, 'audit.history', { assessmentId: id });
    const entry = history.find((h) => h.entityId === k2 && h.action === 'answer.set');
    expect(entry?.actor).toBe('佐藤 (人事)');
    expect(entry?.newValue).toMatchObject({ request: it2.request.id, respondent: '人事部' });
    expect((await call(rt.ctx, 'evidence.list', { assessmentId: id }))[0]?.controlKeys).toEqual([k1]);
    expect(listRequests(rt.ctx, id).every((r) => r.state === 'answered')).toBe(true);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
    expect((await call(it.ctx, 'audit.verify', {})).ok).toBe(true);
  }, 120_000);

  it('refuses, changing nothing: never made here, imported twice, outside the request, tampered, wrong passphrase', async () => {
    const { rt, id, keys } = await headOffice();
    const [k1, k2] = keys as [string, string];
    const req = await createRequest(
      rt.ctx,
      { assessmentId: id, respondent: '総務部', selector: { by: 'controls', controlKeys: [k1] }, passphrase: PASS },
      FAST,
    );
    const resp = await respondent('鈴木');
    const { response } = await answered(resp, req.bytes, { [k1]: 'implemented' });

    // A request never made here: another head office's assessment.
    const other = await headOffice();
    let before = snapshotTables(other.rt.ctx.db);
    expect(
      await refusal(importResponse(other.rt.ctx, { assessmentId: other.id, bytes: response, passphrase: PASS })),
    ).toBe('responseUnknownRequest');
    expect(snapshotTables(other.rt.ctx.db)).toEqual(before);

    // Tampered (one flipped byte) and a wrong passphrase.
    before = snapshotTables(rt.ctx.db);
    const flipped = Buffer.from(response);
    flipped[flipped.length - 40] = (flipped[flipped.length - 40] ?? 0) ^ 1;
    expect(await refusal(importResponse(rt.ctx, { assessmentId: id, bytes: flipped, passphrase: PASS }))).toBe(
      'sealedOpenFailed',
    );
    expect(
      await refusal(
        importResponse(rt.ctx, { assessmentId: id, bytes: response, passphrase: 'まちがった合言葉 wrong' }),
      ),
    ).toBe('sealedOpenFailed');
    // A request package is not a response.
    expect(await refusal(importResponse(rt.ctx, { assessmentId: id, bytes: req.bytes, passphrase: PASS }))).toBe(
      'sealedKind',
    );
    expect(snapshotTables(rt.ctx.db)).toEqual(before);

    // Controls outside the request: a respondent cannot add one (refused there), nor can a hand-made response.
    const item = (await openRequest(resp.ctx, req.bytes, PASS)).requestId;
    expect(
      await refusal(
        Promise.resolve().then(() =>
          setResponseAnswer(resp.ctx, { requestId: item, controlKey: k2, value: 'implemented' }),
        ),
      ),
    ).toBe('responseOutsideRequest');
    resp.ctx.db.prepare('UPDATE response_answers SET control_key = ? WHERE request_id = ?').run(k2, item);
    const outside = (await sealResponse(resp.ctx, { requestId: item, passphrase: PASS }, FAST)).bytes;
    expect(await refusal(importResponse(rt.ctx, { assessmentId: id, bytes: outside, passphrase: PASS }))).toBe(
      'responseOutsideRequest',
    );
    expect(snapshotTables(rt.ctx.db)).toEqual(before);

    // Imported once, then the same response again: said so, nothing changed.
    await importResponse(rt.ctx, { assessmentId: id, bytes: response, passphrase: PASS });
    before = snapshotTables(rt.ctx.db);
    expect(await refusal(importResponse(rt.ctx, { assessmentId: id, bytes: response, passphrase: PASS }))).toBe(
      'responseAlreadyImported',
    );
    expect(snapshotTables(rt.ctx.db)).toEqual(before);
    expect((await call(rt.ctx, 'audit.verify', {})).ok).toBe(true);
  }, 120_000);

  it('names the controls changed here after the request was made, and applies the response', async () => {
    const { rt, id, keys } = await headOffice();
    const [k1, k2] = keys as [string, string];
    const req = await createRequest(
      rt.ctx,
      { assessmentId: id, respondent: '経理部', selector: { by: 'controls', controlKeys: [k1, k2] }, passphrase: PASS },
      FAST,
    );
    await call(rt.ctx, 'answers.set', { assessmentId: id, controlKey: k1, value: 'not_implemented' });
    const resp = await respondent('高橋');
    const { response } = await answered(resp, req.bytes, { [k1]: 'implemented', [k2]: 'implemented' });
    const s = await importResponse(rt.ctx, { assessmentId: id, bytes: response, passphrase: PASS });
    expect(s.changedHere).toEqual([k1]);
    expect(s.applied).toEqual([k1, k2]);
  }, 120_000);

  it('applies the answer rules on the respondent side: a value needing a justification waits for it', async () => {
    const { rt, id, keys, scale } = await headOffice();
    const needs = scale.find((s) => s.justification === 'required');
    expect(needs).toBeDefined();
    const req = await createRequest(
      rt.ctx,
      {
        assessmentId: id,
        respondent: '法務部',
        selector: { by: 'controls', controlKeys: [keys[0]!] },
        passphrase: PASS,
      },
      FAST,
    );
    const resp = await respondent('伊藤');
    const item = await openRequest(resp.ctx, req.bytes, PASS);
    expect(
      await refusal(
        Promise.resolve().then(() =>
          setResponseAnswer(resp.ctx, { requestId: item.requestId, controlKey: keys[0]!, value: needs!.value }),
        ),
      ),
    ).toBe('justificationRequired');
    const ok = setResponseAnswer(resp.ctx, {
      requestId: item.requestId,
      controlKey: keys[0]!,
      value: needs!.value,
      justification: '当部署では該当する業務がない',
    });
    expect(ok.answers[0]?.fields.value).toBe(needs!.value);
    expect(
      await refusal(
        createRequest(
          rt.ctx,
          { assessmentId: id, respondent: 'x', selector: { by: 'tag', tag: 'no-such-tag' }, passphrase: PASS },
          FAST,
        ),
      ),
    ).toBe('requestNoControls');
  }, 120_000);
});
