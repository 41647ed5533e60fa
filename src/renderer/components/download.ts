/** Bytes the API sent as base64 (evidence, reports), as a Blob for a download or a preview. */
export function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Saves text as a file through the browser's download (works in both shells; nothing leaves the machine). */
export function downloadText(fileName: string, mediaType: string, content: string): void {
  downloadBlob(fileName, new Blob([content], { type: `${mediaType};charset=utf-8` }));
}

/** Saves base64 content (a report, an evidence file) as a file. */
export function downloadBase64(fileName: string, mediaType: string, base64: string): void {
  downloadBlob(fileName, base64ToBlob(base64, mediaType));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a picked file for the API: XLSX (or anything, with binary) as base64, other catalog files as text. */
export async function readPickedFile(
  file: File,
  opts: { binary?: boolean } = {},
): Promise<{ fileName: string; content: string; encoding: 'utf8' | 'base64' }> {
  if (opts.binary || /\.xlsx?m?$/i.test(file.name)) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { fileName: file.name, content: btoa(binary), encoding: 'base64' };
  }
  return { fileName: file.name, content: (await file.text()).replace(/^\uFEFF/, ''), encoding: 'utf8' };
}
