// The copied-text guard (project issue #10): shipped catalog text must not share a run of 8+ English words or
// 20+ Japanese characters with the official statements, and a title must not equal an official heading. The
// official texts are not in the repository; scripts/own-words/official-fingerprints.txt holds truncated hashes of
// them (how it is built: scripts/own-words/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCatalog, checkShippedCatalogs, FINGERPRINT_FILE, formatHit } from '../../scripts/own-words/check';
import { parseFingerprintFile } from '../../scripts/own-words/shingles';


const prints = parseFingerprintFile(readFileSync(FINGERPRINT_FILE, 'utf8'));

describe('copied-text guard', () => {
  it('the fingerprint file covers the official sources (PCI DSS 4.0.1 and 3.2.1 statements, ISO/IEC 27002 headings)', () => {
    expect(prints.size).toBeGreaterThan(15_000);
  });

  it('no shipped catalog copies official text', () => {
    const started = performance.now();
    const hits = checkShippedCatalogs(prints);
    const elapsed = performance.now() - started;
    // each line: catalog, control ID, field, kind, the offending run — fix the text, never the fingerprints
    expect(hits.map(formatHit)).toEqual([]);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('reports a planted PCI DSS statement and a planted ISO heading title, with catalog, control, field and the run', () => {
    const planted = {
      id: 'planted',
      version: '1',
      title: { ja: '検査用', en: 'Guard test' },
      items: [
        {
          id: '6.5.6',
          title: { ja: '本番前の後片付け', en: 'Clean-up before go-live' },
          description: {
            ja: '本番稼働前にテスト用のデータとアカウントを取り除く。',
            // QUOTATION of PCI DSS v4.0.1 requirement 6.5.6 (© PCI SSC), used here only to prove the guard fails on it.
            en: 'Before release: Test data and test accounts are removed from system components before the system goes into production.',
          },
        },
        // ISO/IEC 27002:2013 heading 9.4.2, used here only to prove the heading check fails on it.
        { id: '9.4.2', title: { ja: 'ログオンの手順', en: 'Secure log-on procedures' } },
      ],
    };
    const hits = checkCatalog(planted, 'catalogs/planted/1.yaml', prints);
    expect(hits).toEqual([
      {
        catalog: 'planted@1',
        file: 'catalogs/planted/1.yaml',
        controlId: '6.5.6',
        field: 'description.en',
        kind: 'run',
        text: 'Test data and test accounts are removed from system components before the system goes into production',
      },
      { catalog: 'planted@1', file: 'catalogs/planted/1.yaml', controlId: '9.4.2', field: 'title.en', kind: 'heading', text: 'Secure log-on procedures' },
    ]);
  });

  it('checks Japanese too: a heading title and a 20-character run (JIS Q 27002:2006 objective headings)', () => {
    const planted = {
      id: 'planted',
      version: '1',
      items: [
        { id: '8.3', title: { ja: '雇用の終了又は変更', en: 'Leaving' } },
        // JIS Q 27002:2006 heading 15.2 (24 characters), used here only to prove the run check fails on it.
        { id: '15.2', title: { ja: '方針', en: 'Policy' }, guidance: { ja: '確認事項：セキュリティ方針及び標準の順守、並びに技術的順守を確認する。', en: 'Check.' } },
      ],
    };
    const hits = checkCatalog(planted, 'x.yaml', prints).map((h) => [h.controlId, h.field, h.kind, h.text]);
    expect(hits).toEqual([
      ['8.3', 'title.ja', 'heading', '雇用の終了又は変更'],
      ['15.2', 'guidance.ja', 'run', 'セキュリティ方針及び標準の順守、並びに技術的順守'],
    ]);
  });

  it('checks profile labels and descriptions and answer descriptions too, but not answer labels', () => {
    const planted = {
      id: 'planted',
      version: '1',
      // ISO/IEC 27002:2013 heading 6.2.2, used here only to prove profile labels are checked.
      profiles: [{ id: 'remote', label: { ja: '在宅勤務', en: 'Teleworking' } }],
      answer_scale: [
        // the PCI DSS 6.5.6 quotation again, in an answer description; an answer label equal to a heading is exempt
        { value: 'yes', label: { ja: 'はい', en: 'Screening' }, description: { ja: '説明', en: 'Yes: test data and test accounts are removed from system components before the system goes into production.' } },
      ],
      items: [],
    };
    expect(checkCatalog(planted, 'x.yaml', prints).map((h) => [h.controlId, h.field, h.kind])).toEqual([
      ['(profile remote)', 'label.en', 'heading'],
      ['(answer yes)', 'description.en', 'run'],
    ]);
  });

  it('checks provider guidance as well', () => {
    // JIS Q 27002:2006 heading 15.2 again, used here only to prove the field is checked.
    const planted = { id: 'planted', version: '1', items: [{ id: '15.2', title: { ja: '方針', en: 'Policy' }, provider_guidance: { ja: '事業者に、セキュリティ方針及び標準の順守、並びに技術的順守の状況を確かめる。' } }] };
    expect(checkCatalog(planted, 'x.yaml', prints).map((h) => [h.controlId, h.field, h.kind])).toEqual([['15.2', 'provider_guidance.ja', 'run']]);
  });

  it('does not flag seven shared words, or a title that only contains a heading', () => {
    const planted = {
      id: 'planted',
      version: '1',
      items: [
        {
          id: '1',
          title: { ja: 'ログオン', en: 'Secure log-on procedures for staff' },
          // seven consecutive words of the 6.5.6 statement, then our own
          description: { ja: '説明', en: 'Test data and test accounts are removed early, by the release checklist.' },
        },
      ],
    };
    expect(checkCatalog(planted, 'x.yaml', prints)).toEqual([]);
  });
});
