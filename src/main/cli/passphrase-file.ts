import { existsSync, readFileSync, statSync } from 'node:fs';
import { passphraseFromFileText } from '../../core/exchange/sealed-package';
import { AppError } from '../../shared/api/errors';

/** A passphrase file is one short line; anything much larger is not one (and is not read into memory). */
const MAX_PASSPHRASE_FILE_BYTES = 64 * 1024;

/**
 * `--passphrase-file P`: the passphrase is P's first line, its line ending (LF or CRLF) and a UTF-8 byte order mark
 * left out; spaces are kept (they may be part of it). The passphrase itself never appears in a message.
 */
export function readPassphraseFile(file: string): string {
  if (!existsSync(file)) throw new AppError('not_found', 'fileNotFound', { file });
  const st = statSync(file);
  if (!st.isFile()) throw new AppError('bad_input', 'passphraseFileInvalid', { file, detail: 'not a file' });
  if (st.size > MAX_PASSPHRASE_FILE_BYTES)
    throw new AppError('bad_input', 'passphraseFileInvalid', {
      file,
      detail: `larger than ${MAX_PASSPHRASE_FILE_BYTES / 1024} KB`,
    });
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD'))
    throw new AppError('bad_input', 'passphraseFileInvalid', { file, detail: 'not UTF-8 text' });
  return passphraseFromFileText(text);
}
