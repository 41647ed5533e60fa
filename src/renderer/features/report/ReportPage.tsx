import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { href } from '../../navigation/routes';
import { downloadBase64, readPickedFile } from '../../components/download';
import { ApiCallError } from '../../api/client';
import { MAX_SIGNING_P12_BYTES, type ReportSignatureView } from '../../../shared/api/contract';
import { useErrorText } from '../../components/error-text';
import { LanguagePicker } from '../../components/LanguagePicker';
import { pick, useLang } from '../../components/lang';
import { useLoader } from '../../components/use-loader';
import { ReportPreview } from './ReportPreview';
import { SealedExportDialog } from '../sealed/SealedExportDialog';
import { AnswerWorkbookPanel } from '../answer-workbook/AnswerWorkbookPanel';
import { REPORT_SECTIONS, type ReportSection } from '../../../core/report/model';
import { REPORT_LABELS } from '../../../core/report/labels';
import { FileButton } from '../../components/FileButton';
import { OverallCommentField, type SaveOverallComment } from './OverallCommentField';

const FORMATS = ['pdf', 'xlsx', 'csv', 'json', 'oscal-ar', 'oscal-poam'] as const;
type Format = (typeof FORMATS)[number];

/** Report options (language apart from the UI, confidentiality marking, format) and export. */
export function ReportPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const detail = useLoader(useCallback(() => api.call('assessments.get', { id }), [api, id]));
  const [reportLang, setReportLang] = useState<Language>(lang);
  // Empty: the report language's own default marking (社外秘 / Confidential), the same the report model prints.
  const [marking, setMarking] = useState('');
  const [dateStyle, setDateStyle] = useState<'iso' | 'japanese' | 'wareki'>('iso');
  /** Which catalog the report covers: each catalog of an assessment is reported on its own. */
  const [catalog, setCatalog] = useState<string | null>(null);
  /** PDF sections to print; all by default (the cover and the catalog source always). */
  const [sections, setSections] = useState<ReadonlySet<ReportSection>>(new Set(REPORT_SECTIONS));
  const chosenSections = REPORT_SECTIONS.filter((x) => sections.has(x));
  const sectionOption = chosenSections.length < REPORT_SECTIONS.length ? { sections: chosenSections } : {};
  const toggleSection = (x: ReportSection, on: boolean) => {
    const next = new Set(sections);
    if (on) next.add(x);
    else next.delete(x);
    if (next.size > 0) setSections(next);
  };
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  /** The sealed-package dialog (passphrase twice, its strength shown). */
  const [sealing, setSealing] = useState(false);
  /** Signing the PDF: the organization's PKCS#12 file and its password, kept on this page only, never stored. */
  const [p12, setP12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [signature, setSignature] = useState<ReportSignatureView | null>(null);
  const p12Input = useRef<HTMLInputElement>(null);
  const clearSigning = () => {
    setP12(null);
    setPassword('');
    if (p12Input.current) p12Input.current.value = '';
  };

  /** Saves the overall comment being typed, so a preview or export prints it. */
  const saveComment = useRef<SaveOverallComment | null>(null);
  const [preview, setPreview] = useState<{ html: string } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const showPreview = async () => {
    setPreviewing(true);
    setError(null);
    try {
      await saveComment.current?.();
      setPreview(
        await api.call('report.preview', {
          assessmentId: id,
          lang: reportLang,
          marking: marking.trim(),
          dateStyle,
          ...sectionOption,
          ...(catalog ? { catalog } : {}),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setPreviewing(false);
    }
  };

  const exportAssessment = async () => {
    setError(null);
    try {
      const f = await api.call('assessments.export', { id });
      downloadBase64(f.fileName, f.mediaType, f.content);
      setDone(f.fileName);
    } catch (e) {
      setError(e);
    }
  };

  const exportAs = async (format: Format) => {
    setBusy(format);
    setError(null);
    setDone(null);
    setSignature(null);
    try {
      await saveComment.current?.();
      let sign: { p12: string; password: string } | null = null;
      if (format === 'pdf' && p12) {
        if (p12.size > MAX_SIGNING_P12_BYTES)
          throw new ApiCallError({
            code: 'bad_input',
            key: 'signingKeyTooLarge',
            params: { max: MAX_SIGNING_P12_BYTES },
          });
        sign = { p12: (await readPickedFile(p12, { binary: true })).content, password };
      }
      const f = await api.call('report.build', {
        assessmentId: id,
        format,
        lang: reportLang,
        marking: marking.trim(),
        dateStyle,
        ...sectionOption,
        ...(catalog ? { catalog } : {}),
        ...(sign ? { sign } : {}),
      });
      downloadBase64(f.fileName, f.mediaType, f.content);
      setDone(f.fileName);
      setSignature(f.signature ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={preview ? 'page page--report' : 'page page--narrow'}>
      <div className="page__header">
        <div>
          <a className="backlink" href={href({ name: 'assessment', id })}>
            ← {t('ui.report.back')}
          </a>
          <h1 className="page__title">{t('ui.report.title')}</h1>
          {detail.data ? (
            <p className="page__lead">
              <bdi>{detail.data.name}</bdi> ·{' '}
              {detail.data.catalogs.map((c) => `${pick(c.title, lang)} v${c.version}`).join(' / ')}
            </p>
          ) : null}
        </div>
      </div>
      <div className="form">
        {detail.data ? (
          <OverallCommentField
            key={detail.data.id}
            id={id}
            stored={detail.data.overallComment}
            locked={detail.data.status === 'final'}
            saveRef={saveComment}
          />
        ) : null}
        {detail.data && detail.data.catalogs.length > 1 ? (
          <label className="field">
            <span className="field__label">{t('ui.report.catalog')}</span>
            <select
              className="input"
              name="catalog"
              value={catalog ?? detail.data.catalog.catalogId}
              onChange={(e) => setCatalog(e.target.value)}
            >
              {detail.data.catalogs.map((c) => (
                <option key={c.catalogId} value={c.catalogId}>
                  {pick(c.title, lang)} v{c.version}
                </option>
              ))}
            </select>
            <span className="field__hint">{t('ui.report.catalogHint')}</span>
          </label>
        ) : null}
        <LanguagePicker
          name="reportLang"
          legend={t('ui.report.language')}
          value={reportLang}
          onChange={setReportLang}
        />
        <label className="field">
          <span className="field__label">{t('ui.report.marking')}</span>
          <input
            className="input"
            name="marking"
            value={marking}
            maxLength={60}
            placeholder={REPORT_LABELS[reportLang].defaultMarking}
            onChange={(e) => setMarking(e.target.value)}
          />
          <span className="field__hint">{t('ui.report.markingHint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('ui.report.dateStyle')}</span>
          <select
            className="input"
            name="dateStyle"
            value={dateStyle}
            onChange={(e) => setDateStyle(e.target.value as typeof dateStyle)}
          >
            {(['iso', 'japanese', 'wareki'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`ui.report.dateStyleName.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend className="field__label">{t('ui.report.sections')}</legend>
          <div className="check-grid">
            {REPORT_SECTIONS.map((x) => (
              <label key={x} className="check">
                <input
                  type="checkbox"
                  name={`section-${x}`}
                  checked={sections.has(x)}
                  onChange={(e) => toggleSection(x, e.target.checked)}
                />
                {t(`ui.report.section.${x}`)}
              </label>
            ))}
          </div>
          <span className="field__hint">{t('ui.report.sectionsHint')}</span>
        </fieldset>
        <fieldset className="field">
          <legend className="field__label">{t('ui.report.sign')}</legend>
          <div className="field">
            <span className="field__label">{t('ui.report.signP12')}</span>
            <div>
              <FileButton
                name="signP12"
                accept=".p12,.pfx,application/x-pkcs12"
                inputRef={p12Input}
                onFiles={([f]) => setP12(f ?? null)}
              >
                {t('ui.report.signP12Choose')}
              </FileButton>
            </div>
          </div>
          <label className="field">
            <span className="field__label">{t('ui.report.signPassword')}</span>
            <input
              className="input"
              type="password"
              name="signPassword"
              autoComplete="off"
              maxLength={1024}
              value={password}
              disabled={!p12}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {p12 ? (
            <p className="field__hint">
              {t('ui.report.signReady', { file: p12.name })}{' '}
              <button type="button" className="button" name="signClear" onClick={clearSigning}>
                {t('ui.report.signClear')}
              </button>
            </p>
          ) : null}
          <span className="field__hint">{t('ui.report.signHint')}</span>
        </fieldset>
        <div className="report-formats">
          <button
            type="button"
            className="button"
            name="preview"
            disabled={previewing}
            onClick={() => void showPreview()}
          >
            {previewing ? t('ui.report.building') : t(preview ? 'ui.report.previewAgain' : 'ui.report.preview')}
          </button>
          {FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              className={f === 'pdf' ? 'button button--primary' : 'button'}
              disabled={busy !== null}
              onClick={() => void exportAs(f)}
            >
              {busy === f ? t('ui.report.building') : t(`ui.report.format.${f}`)}
            </button>
          ))}
        </div>
        <p className="field__hint">{t('ui.report.contents')}</p>
        <p className="field__hint">{t('ui.report.oscalNote')}</p>
        <div className="report-formats">
          <button type="button" className="button" name="exportAssessment" onClick={() => void exportAssessment()}>
            {t('ui.report.exportAssessment')}
          </button>
          <button
            type="button"
            className="button"
            name="exportSealed"
            onClick={() => {
              setError(null);
              setDone(null);
              setSealing(true);
            }}
          >
            {t('ui.sealed.exportButton')}
          </button>
        </div>
        <p className="field__hint">{t('ui.report.exportAssessmentHint')}</p>
        <p className="field__hint">{t('ui.sealed.exportHint')}</p>
        <AnswerWorkbookPanel id={id} lang={reportLang} />
        {sealing ? (
          <SealedExportDialog
            id={id}
            onClose={() => setSealing(false)}
            onDone={(file) => {
              setSealing(false);
              setDone(file);
            }}
          />
        ) : null}
        {done ? (
          <p className="saved-note" role="status">
            {t('ui.report.done', { file: done })}
          </p>
        ) : null}
        {signature ? (
          <p className="saved-note" role="status">
            {t('ui.report.signed', {
              subject: signature.subject,
              issuer: signature.issuer,
              validTo: signature.validTo.slice(0, 10),
              fingerprint: signature.fingerprintSha256,
            })}
          </p>
        ) : null}
        {signature?.expiresSoon ? (
          <div className="alert alert--warn" role="alert">
            {t('ui.report.signExpiresSoon', { days: signature.expiresInDays })}
          </div>
        ) : null}
        {error ? (
          <div className="alert alert--error" role="alert">
            {errorText(error)}
          </div>
        ) : null}
        {detail.error ? (
          <div className="alert alert--error" role="alert">
            {errorText(detail.error)}
          </div>
        ) : null}
      </div>
      {preview ? <ReportPreview html={preview.html} /> : null}
    </section>
  );
}
