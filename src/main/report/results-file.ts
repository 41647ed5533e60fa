import { createHash } from 'node:crypto';
import { resultsText, type ResultsInput } from '../../core/report/results-json';

export type ResultsJson = { text: string; bytes: Buffer; sha256: string };

/** The results JSON as the bytes attached to the PDF (and exported alone), with their SHA-256. */
export function buildResultsJson(input: ResultsInput): ResultsJson {
  const text = resultsText(input);
  const bytes = Buffer.from(text, 'utf8');
  return { text, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
