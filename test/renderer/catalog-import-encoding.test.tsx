// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import iconv from 'iconv-lite';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/renderer/api/client';
import { CatalogImportPage } from '../../src/renderer/features/catalogs/CatalogImportPage';
import type { ImportPreview, TextEncodingName } from '../../src/shared/api/types';
import { initStrings, WithApi, type Call } from './support';

beforeAll(() => initStrings('ja'));
afterEach(cleanup);

const CSV = '管理策番号,管理策名\r\n1,髙﨑①\r\n';

/** A fake preview that decodes the bytes it is sent as main does: Shift_JIS unless told otherwise. */
function fakeApi() {
  const calls: Call[] = [];
  const api: ApiClient = {
    call: (async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      const chosen = input.textEncoding as TextEncodingName | undefined;
      const p: ImportPreview = {
        ok: chosen !== 'utf-8',
        format: 'csv',
        encoding: { name: chosen ?? 'shift_jis', bom: false, detected: !chosen },
        errors:
          chosen === 'utf-8'
            ? [
                {
                  severity: 'error',
                  key: 'textDecodeFailed',
                  params: { encoding: 'UTF-8', offset: 0, line: 1, column: 1 },
                  path: '(root)',
                  line: 1,
                  column: 1,
                },
              ]
            : [],
        warnings: [],
        catalog: null,
        sample: [],
        table: null,
        preset: null,
      };
      return p;
    }) as ApiClient['call'],
  };
  return { api, calls };
}

describe('the import page and text encodings', () => {
  it('sends a CSV as its bytes, shows the detected encoding, and previews again in the encoding the user picks', async () => {
    const { api, calls } = fakeApi();
    const { container } = render(
      <WithApi api={api}>
        <CatalogImportPage />
      </WithApi>,
    );
    const bytes = iconv.encode(CSV, 'cp932');
    const input = container.querySelector('input[name="catalogFile"]') as HTMLInputElement;
    fireEvent.change(input, {
      target: { files: [new File([new Uint8Array(bytes)], '管理策.csv', { type: 'text/csv' })] },
    });
    await waitFor(() =>
      expect(screen.getByText('Shift_JIS（cp932、日本語版 Excel） として読みました（自動判定）')).toBeTruthy(),
    );
    expect(calls[0]?.input).toMatchObject({
      fileName: '管理策.csv',
      encoding: 'base64',
      content: bytes.toString('base64'),
    });
    expect(calls[0]?.input).not.toHaveProperty('textEncoding');

    fireEvent.change(screen.getByRole('combobox', { name: '文字コード' }), { target: { value: 'utf-8' } });
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.input).toMatchObject({ encoding: 'base64', textEncoding: 'utf-8' });
    await waitFor(() => expect(screen.getByText(/UTF-8 として読めません/)).toBeTruthy());
    expect(screen.getByText('UTF-8 として読みました（指定）')).toBeTruthy();
  });

  it('refuses a file over the import limit before reading or sending it', async () => {
    const { api, calls } = fakeApi();
    const { container } = render(
      <WithApi api={api}>
        <CatalogImportPage />
      </WithApi>,
    );
    const big = new File(['x'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 31 * 1024 * 1024 });
    fireEvent.change(container.querySelector('input[name="catalogFile"]') as HTMLInputElement, {
      target: { files: [big] },
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('huge.csv'));
    expect(screen.getByRole('alert').textContent).toContain('30 MB');
    expect(calls).toEqual([]);
  });
});
