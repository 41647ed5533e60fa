import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMappingView, ImportPreview, TextEncodingName } from '../../../shared/api/types';
import { ApiCallError } from '../../api/client';
import { useApi } from '../../api/context';
import { MAX_IMPORT_BYTES } from '../../../shared/api/contract';
import { href, navigate } from '../../navigation/routes';
import { readPickedFile } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { pick, useLang } from '../../components/lang';
import { DiagnosticList } from './DiagnosticList';
import { MappingTable } from './MappingTable';
import { PresetSummary } from './PresetSummary';

type Picked = Awaited<ReturnType<typeof readPickedFile>>;
type Preset = '' | 'ismap';
const isXlsx = (f: Picked | null) => !!f && /\.xls[xm]$/i.test(f.fileName);
const ENCODINGS: TextEncodingName[] = ['utf-8', 'shift_jis', 'utf-16le', 'utf-16be'];

function decodeBase64(content: string, encoding: TextEncodingName): string | null {
  try {
    const binary = atob(content);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return null;
  }
}

export function CatalogImportPage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [file, setFile] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingView | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [meta, setMeta] = useState<{ id: string; version: string }>({ id: '', version: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dragging, setDragging] = useState(false);
  const [preset, setPreset] = useState<Preset>('');
  const [textEncoding, setTextEncoding] = useState<TextEncodingName | ''>('');

  const request = (f: Picked, m: ColumnMappingView | null, s: string | null, md: { id: string; version: string }, pr: Preset = preset, enc: TextEncodingName | '' = textEncoding) => ({
    ...f,
    ...(enc && f.encoding === 'base64' && !isXlsx(f) ? { textEncoding: enc } : {}),
    // A preset reads the whole workbook in its own way: no sheet or column mapping.
    ...(pr ? { preset: pr, format: 'xlsx' as const } : {}),
    ...(m && !pr ? { mapping: m } : {}),
    ...(s && !pr ? { sheet: s } : {}),
    ...(md.id || md.version ? { meta: { ...(md.id ? { id: md.id } : {}), ...(md.version ? { version: md.version } : {}) } } : {}),
  });

  const runPreview = async (f: Picked, m: ColumnMappingView | null, s: string | null, md = meta, pr: Preset = preset, enc: TextEncodingName | '' = textEncoding) => {
    setBusy(true);
    setError(null);
    try {
      const p = await api.call('catalogs.preview', request(f, m, s, md, pr, enc));
      setPreview(p);
      if (p.table?.mapping) setMapping(p.table.mapping);
      if (p.table?.sheet) setSheet(p.table.sheet);
    } catch (e) {
      setError(e);
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const pickFile = async (picked: File | undefined) => {
    if (!picked) return;
    if (picked.size > MAX_IMPORT_BYTES) {
      // Said before the file is read into memory and sent (the API would refuse it anyway).
      setFile(null);
      setPreview(null);
      setError(new ApiCallError({ code: 'bad_input', key: 'fileTooLarge', params: { file: picked.name, limitMb: MAX_IMPORT_BYTES / 1024 / 1024 } }));
      return;
    }
    // Every file travels as its bytes: main reads XLSX and detects a text file's encoding (Excel's Shift_JIS for CSV,
    // UTF-16, UTF-8 with a BOM) instead of the browser decoding it as UTF-8 and losing characters silently.
    const f = await readPickedFile(picked, { binary: true });
    setFile(f);
    setMapping(null);
    setSheet(null);
    setMeta({ id: '', version: '' });
    setTextEncoding('');
    const pr: Preset = isXlsx(f) ? preset : '';
    setPreset(pr);
    await runPreview(f, null, null, { id: '', version: '' }, pr, '');
  };

  const chooseEncoding = (enc: TextEncodingName | '') => {
    setTextEncoding(enc);
    // Another encoding gives other header cells: the suggested mapping is made afresh.
    setMapping(null);
    if (file) void runPreview(file, null, sheet, meta, preset, enc);
  };

  // The text the diagnostics quote: as sent, or decoded from the bytes the way main read them.
  const enc = preview?.encoding?.name;
  const source = useMemo(() => (!file ? null : file.encoding === 'utf8' ? file.content : enc && !isXlsx(file) ? decodeBase64(file.content, enc) : null), [file, enc]);

  const choosePreset = (pr: Preset) => {
    setPreset(pr);
    setMapping(null);
    setSheet(null);
    if (file) void runPreview(file, null, null, meta, pr);
  };


  const doImport = async () => {
    if (!file || !preview?.ok) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('catalogs.import', request(file, mapping, sheet, meta));
      navigate({ name: 'catalogs' });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void pickFile(e.dataTransfer.files[0]);
  };

  return (
    <section className="page">
      <div className="page__header">
        <div>
          <a className="backlink" href={href({ name: 'catalogs' })}>← {t('ui.nav.catalogs')}</a>
          <h1 className="page__title">{t('ui.import.title')}</h1>
          <p className="page__lead">{t('ui.import.lead')}</p>
        </div>
      </div>
      <label className={dragging ? 'dropzone is-dragging' : 'dropzone'} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <input type="file" name="catalogFile" accept=".yaml,.yml,.json,.csv,.tsv,.txt,.xlsx" onChange={(e) => void pickFile(e.target.files?.[0])} />
        <span className="dropzone__text">{file ? file.fileName : t('ui.import.drop')}</span>
        <span className="dropzone__hint">{t('ui.import.formats')}</span>
      </label>
      {busy ? <p className="muted">{t('ui.import.checking')}</p> : null}
      {error ? <div className="alert alert--error" role="alert">{errorText(error)}</div> : null}
      {preview && file ? (
        <div className="import-preview">
          <p className="import-format">{t('ui.import.format', { format: t(`ui.import.formatName.${preview.format}`) })}</p>
          {file.encoding === 'base64' && !isXlsx(file) ? (
            <div className="meta-edit">
              <label>{t('ui.import.encoding')}{' '}
                <select className="input input--inline" name="textEncoding" value={textEncoding} onChange={(e) => chooseEncoding(e.target.value as TextEncodingName | '')}>
                  <option value="">{t('ui.import.encodingAuto')}</option>
                  {ENCODINGS.map((name) => <option key={name} value={name}>{t(`ui.import.encodingName.${name}`)}</option>)}
                </select>
              </label>
              {preview.encoding ? (
                <span className="import-encoding">{t('ui.import.encodingRead', { name: t(`ui.import.encodingName.${preview.encoding.name}`), bom: preview.encoding.bom ? t('ui.import.encodingBom') : '', how: t(preview.encoding.detected ? 'ui.import.encodingDetected' : 'ui.import.encodingChosen') })}</span>
              ) : null}
            </div>
          ) : null}
          {isXlsx(file) ? (
            <div className="meta-edit">
              <label>{t('ui.import.preset')}{' '}
                <select className="input input--inline" name="preset" value={preset} onChange={(e) => choosePreset(e.target.value as Preset)}>
                  <option value="">{t('ui.import.presetNone')}</option>
                  <option value="ismap">{t('ui.import.presetIsmap')}</option>
                </select>
              </label>
              {preset === 'ismap' ? <span>{t('ui.import.presetHint')}</span> : null}
            </div>
          ) : null}
          {preview.preset?.summary ? <PresetSummary summary={preview.preset.summary} /> : null}
          {preview.table ? (
            <MappingTable table={preview.table} mapping={mapping} onMapping={(m) => { setMapping(m); void runPreview(file, m, sheet); }} onSheet={(s) => { setSheet(s); setMapping(null); void runPreview(file, null, s); }} />
          ) : null}
          {preview.errors.length ? (
            <div className="alert alert--error" role="alert">{t('ui.import.hasErrors', { n: preview.errors.length })}</div>
          ) : null}
          <DiagnosticList items={[...preview.errors, ...preview.warnings]} source={source} />
          {preview.catalog ? (
            <div className="import-summary">
              <h2 className="section-title">{pick(preview.catalog.title, lang)}</h2>
              <dl className="meta">
                <dt>{t('ui.import.catalogId')}</dt><dd className="mono">{preview.catalog.catalogId}</dd>
                <dt>{t('ui.import.version')}</dt><dd className="mono">{preview.catalog.version}</dd>
                <dt>{t('ui.catalogs.controls')}</dt><dd>{t('ui.catalogs.controlCount', { assessable: preview.catalog.assessableCount, nodes: preview.catalog.nodeCount })}</dd>
                <dt>{t('ui.import.levels')}</dt><dd>{preview.catalog.depthCounts.join(' / ')}</dd>
              </dl>
              {preview.catalog.exists ? <div className="alert alert--warn">{t('ui.import.exists', { id: preview.catalog.catalogId, version: preview.catalog.version })}</div> : null}
              <div className="meta-edit">
                <label>{t('ui.import.catalogId')} <input className="input input--inline mono" value={meta.id} placeholder={preview.catalog.catalogId} onChange={(e) => setMeta({ ...meta, id: e.target.value })} onBlur={() => void runPreview(file, mapping, sheet)} /></label>
                <label>{t('ui.import.version')} <input className="input input--inline mono" value={meta.version} placeholder={preview.catalog.version} onChange={(e) => setMeta({ ...meta, version: e.target.value })} onBlur={() => void runPreview(file, mapping, sheet)} /></label>
              </div>
              <ol className="tree-sample">
                {preview.sample.map((n) => <li key={n.controlId} style={{ paddingLeft: `${n.depth * 16}px` }} className={n.assessable ? '' : 'is-group'}><span className="mono">{n.controlId}</span> {pick(n.title, lang)}</li>)}
              </ol>
            </div>
          ) : null}
          <div className="form__actions">
            <button type="button" className="button button--primary" disabled={busy || !preview.ok || preview.catalog?.exists === true} onClick={() => void doImport()}>{t('ui.import.import')}</button>
            <a className="button button--quiet" href={href({ name: 'catalogs' })}>{t('ui.cancel')}</a>
          </div>
        </div>
      ) : null}
    </section>
  );
}
