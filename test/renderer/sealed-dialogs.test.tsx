// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeSealedHeader, DEFAULT_SCRYPT } from '../../src/core/exchange/sealed-package';
import { ApiCallError, type ApiClient } from '../../src/renderer/api/client';
import { HomePage } from '../../src/renderer/features/home/HomePage';
import { ReportPage } from '../../src/renderer/features/report/ReportPage';
import { detail, initStrings, WithApi, type Call } from './support';

beforeAll(() => {
  initStrings('ja');
  // jsdom has no object URLs; the download helper needs one.
  Object.assign(URL, { createObjectURL: () => 'blob:test', revokeObjectURL: () => undefined });
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    downloads.push(this.download);
  };
});
const downloads: string[] = [];
afterEach(cleanup);

const ID = '9c07104c-5e95-47e7-82f6-0a91cff01923';
const STRONG = 'violet anchor mango drift lemon quartz';

function fake(extra: Record<string, (input: Record<string, unknown>) => unknown>) {
  const calls: Call[] = [];
  const api: ApiClient = {
    call: (async (channel: string, input: unknown) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      const h = extra[channel];
      if (!h) throw new Error(`fake API: ${channel} not expected`);
      return h(input as Record<string, unknown>);
    }) as ApiClient['call'],
  };
  return { api, calls };
}

const type = (name: string, value: string) =>
  fireEvent.change(document.querySelector(`input[name="${name}"]`) as HTMLInputElement, { target: { value } });
const sealButton = () => screen.getByRole('button', { name: '封印して保存' }) as HTMLButtonElement;

describe('sealing an assessment from the report page', () => {
  it("asks for the passphrase twice in the app's dialog, shows its strength, and seals only a long, matching one", async () => {
    const { api, calls } = fake({
      'assessments.get': () => detail([]),
      'assessments.exportSealed': (input) => ({
        fileName: `${String(input.id)}.tenken`,
        mediaType: 'application/octet-stream',
        content: 'AAAA',
      }),
    });
    render(
      <WithApi api={api}>
        <ReportPage id={ID} />
      </WithApi>,
    );
    const open = screen.getByRole('button', { name: '封印パッケージ（.tenken）として書き出す…' });
    open.focus();
    fireEvent.click(open);
    screen.getByRole('dialog', { name: 'パスフレーズでアセスメントを封印' });
    expect(document.activeElement?.getAttribute('name')).toBe('passphrase');
    expect((document.activeElement as HTMLInputElement).type).toBe('password');

    // Esc cancels: nothing sent, focus back on the button.
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape', bubbles: true });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
    fireEvent.click(open);

    type('passphrase', 'short');
    expect(screen.getByRole('dialog').textContent).toContain(
      '短すぎます。12 文字以上にしてください（いまは 5 文字）。',
    );
    expect(sealButton().disabled).toBe(true);
    type('passphrase', 'abcabcabcabc');
    expect(screen.getByRole('dialog').textContent).toContain('弱い（多くても約 28 ビット）');
    expect(screen.getByRole('dialog').textContent).toContain('長さ、文字の種類、単語の数だけから見積もっています');
    type('passphrase', STRONG);
    expect(screen.getByRole('dialog').textContent).toContain('強い');
    type('passphraseAgain', `${STRONG}.`);
    expect(screen.getByRole('alert').textContent).toBe('2つの入力が一致しません。');
    expect(sealButton().disabled).toBe(true);
    type('passphraseAgain', STRONG);
    expect(sealButton().disabled).toBe(false);
    fireEvent.click(sealButton());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.channel === 'assessments.exportSealed').map((c) => c.input)).toEqual([
      { id: ID, passphrase: STRONG },
    ]);
    expect(downloads).toEqual([`${ID}.tenken`]);
    expect(screen.getByText(new RegExp(`${ID}\\.tenken`))).toBeTruthy();
  });

  it("shows the service's refusal in the dialog and keeps it open", async () => {
    const { api } = fake({
      'assessments.get': () => detail([]),
      'assessments.exportSealed': () => {
        throw new ApiCallError({ code: 'bad_input', key: 'passphraseTooShort', params: { min: 12, length: 11 } });
      },
    });
    render(
      <WithApi api={api}>
        <ReportPage id={ID} />
      </WithApi>,
    );
    fireEvent.click(screen.getByRole('button', { name: '封印パッケージ（.tenken）として書き出す…' }));
    type('passphrase', STRONG);
    type('passphraseAgain', STRONG);
    fireEvent.click(sealButton());
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('パスフレーズは 12 文字以上にしてください'),
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});

describe('importing a sealed package from the start screen', () => {
  const sealedBytes = () =>
    new Uint8Array([
      ...encodeSealedHeader({ kind: 'assessment', kdf: DEFAULT_SCRYPT, salt: '0'.repeat(32), nonce: '0'.repeat(24) }),
      1,
      2,
      3,
      ...new Uint8Array(16),
    ]);
  const pick = async (file: File) => {
    const input = document.querySelector('input[name="assessmentFile"]') as HTMLInputElement;
    expect(input.accept).toContain('.tenken');
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
  };

  it('recognizes the package by its bytes, asks for the passphrase, retries after a wrong one and opens the assessment', async () => {
    let tries = 0;
    const { api, calls } = fake({
      'assessments.list': () => [],
      'assessments.importSealed': () => {
        tries++;
        if (tries === 1) throw new ApiCallError({ code: 'bad_input', key: 'sealedOpenFailed', params: {} });
        return { id: ID };
      },
    });
    render(
      <WithApi api={api}>
        <HomePage />
      </WithApi>,
    );
    // Named anything: it is the content that says it is sealed.
    await pick(new File([sealedBytes()], 'from-consultant.bin'));
    const dialog = await screen.findByRole('dialog', { name: '封印パッケージを開く' });
    expect(dialog.textContent).toContain('from-consultant.bin は封印されています');
    const open = screen.getByRole('button', { name: '開いて取り込む' }) as HTMLButtonElement;
    expect(open.disabled).toBe(true);
    type('passphrase', 'the wrong one, surely');
    fireEvent.click(open);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'パスフレーズが違うか、封印後にファイルが変更・破損・切断されています',
      ),
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
    type('passphrase', STRONG);
    fireEvent.click(screen.getByRole('button', { name: '開いて取り込む' }));
    await waitFor(() => expect(window.location.hash).toContain(ID));
    expect(screen.queryByRole('dialog')).toBeNull();
    const sent = calls.filter((c) => c.channel === 'assessments.importSealed').map((c) => c.input);
    expect(sent.map((i) => i.passphrase)).toEqual(['the wrong one, surely', STRONG]);
    expect(Buffer.from(String(sent[0]?.content), 'base64').equals(Buffer.from(sealedBytes()))).toBe(true);
    expect(calls.some((c) => c.channel === 'assessments.import')).toBe(false);
  });

  it('imports a plain assessment file as before, with no passphrase asked', async () => {
    const { api, calls } = fake({ 'assessments.list': () => [], 'assessments.import': () => ({ id: ID }) });
    render(
      <WithApi api={api}>
        <HomePage />
      </WithApi>,
    );
    await pick(new File(['{"assessment":{}}'], 'x.tenken-assessment.json', { type: 'application/json' }));
    await waitFor(() => expect(calls.map((c) => c.channel)).toContain('assessments.import'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.find((c) => c.channel === 'assessments.import')?.input).toEqual({ content: '{"assessment":{}}' });
  });

  it('says a .tenken file that does not start like a package is not one, sending nothing', async () => {
    const { api, calls } = fake({ 'assessments.list': () => [] });
    render(
      <WithApi api={api}>
        <HomePage />
      </WithApi>,
    );
    await pick(new File([new Uint8Array(64).fill(0x41)], 'damaged.tenken'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Tenken の封印パッケージ（.tenken）ではありません。何も取り込んでいません。',
      ),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    // Only the start screen's own reads went out (the list, and the first-run notice's settings and app info).
    const reads = new Set(['assessments.list', 'settings.get', 'app.info']);
    expect(calls.map((c) => c.channel).filter((ch) => !reads.has(ch))).toEqual([]);
  });
});
