// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { ReportPage } from '../../src/renderer/features/report/ReportPage';
import { control, detail, initStrings, WithApi } from './support';

/** The report page's signing fields: the picked .p12 and the password travel with the PDF request, nothing else. */

const d = detail([control('1.1')]);
const SIGNATURE = {
  level: 'B-B',
  subject: 'C=JP, O=株式会社テスト, CN=テスト署名者',
  issuer: 'C=JP, O=株式会社テスト, CN=テスト署名者',
  serialNumber: '01',
  validFrom: '2026-12-01T00:00:00.000Z',
  validTo: '2026-12-20T00:00:00.000Z',
  fingerprintSha256: 'AB:CD',
  selfSigned: true,
  expiresInDays: 17,
  expiresSoon: true,
};

function fake() {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'assessments.get') return d;
      if (channel === 'report.build')
        return {
          fileName: `r.${String(input.format)}`,
          mediaType: 'application/pdf',
          content: '',
          ...(input.sign ? { signature: SIGNATURE } : {}),
        };
      throw new Error(`not expected: ${channel}`);
    }) as ApiClient['call'],
  };
  return { api, calls };
}

beforeAll(() => {
  initStrings('ja');
  URL.createObjectURL = vi.fn(() => 'blob:x');
  URL.revokeObjectURL = vi.fn();
});
afterEach(cleanup);

describe('report page: signing the PDF', () => {
  it('sends the picked PKCS#12 (base64) and password with the PDF only, and shows who signed and the expiry warning', async () => {
    const f = fake();
    const { container } = render(
      <WithApi api={f.api}>
        <ReportPage id={d.id} />
      </WithApi>,
    );
    const password = container.querySelector('input[name="signPassword"]') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.disabled).toBe(true);
    const file = new File([new Uint8Array([0x30, 0x82, 0x01, 0x02])], 'org.p12', { type: 'application/x-pkcs12' });
    fireEvent.change(container.querySelector('input[name="signP12"]') as HTMLInputElement, {
      target: { files: [file] },
    });
    expect(screen.getByText(/org\.p12 で署名されます/)).toBeTruthy();
    fireEvent.change(password, { target: { value: '秘密-pass' } });

    fireEvent.click(screen.getByRole('button', { name: 'PDF を出力' }));
    await waitFor(() => expect(f.calls.some((c) => c.channel === 'report.build')).toBe(true));
    const pdf = f.calls.find((c) => c.channel === 'report.build')?.input;
    expect(pdf?.sign).toEqual({ p12: 'MIIBAg==', password: '秘密-pass' });
    expect(await screen.findByText(/署名者 C=JP, O=株式会社テスト, CN=テスト署名者/)).toBeTruthy();
    expect(screen.getByText(/あと 17 日で有効期限が切れます/)).toBeTruthy();

    // Other formats never carry the key; "do not sign" forgets file and password.
    fireEvent.click(screen.getByRole('button', { name: 'Excel を出力' }));
    await waitFor(() => expect(f.calls.filter((c) => c.channel === 'report.build')).toHaveLength(2));
    expect(f.calls.filter((c) => c.channel === 'report.build')[1]?.input.sign).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: '署名しない' }));
    expect(password.value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'PDF を出力' }));
    await waitFor(() => expect(f.calls.filter((c) => c.channel === 'report.build')).toHaveLength(3));
    expect(f.calls.filter((c) => c.channel === 'report.build')[2]?.input.sign).toBeUndefined();
  });
});
