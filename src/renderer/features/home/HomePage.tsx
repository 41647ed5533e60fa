import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../../api/client';
import { useApi } from '../../api/context';
import { href, navigate } from '../../navigation/routes';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { ProgressBar } from '../../components/Progress';
import { useLoader } from '../../components/use-loader';
import { readPickedFile } from '../../components/download';
import { looksSealed, SEALED_MAGIC } from '../../../core/exchange/sealed-package';
import { SealedImportDialog } from '../sealed/SealedImportDialog';
import { MergeDialog } from '../merge/MergeDialog';
import { AssessmentActions, EmptyTrashButton, ShelfFilter, type Shelf } from '../periods/AssessmentActions';
import { AtRestNotice } from './AtRestNotice';

export function HomePage() {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [shelf, setShelf] = useState<Shelf>('active');
  const list = useLoader(useCallback(() => api.call('assessments.list', { show: shelf }), [api, shelf]));
  const [demoError, setDemoError] = useState<unknown>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  /** A picked sealed package (.tenken), waiting for its passphrase in the dialog. */
  const [sealedFile, setSealedFile] = useState<{ fileName: string; content: string } | null>(null);
  /** A copy of an assessment that is already here: offered as a merge instead of refused. */
  const [mergeFile, setMergeFile] = useState<{
    fileName: string;
    source: { content: string; passphrase?: string };
  } | null>(null);
  /**
   * An assessment file from another machine (tenken-assessment/1), or a sealed package of one (told apart by its
   * first bytes, not by the file's name): all of it or nothing.
   */
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImporting(true);
    setDemoError(null);
    try {
      if (looksSealed(new Uint8Array(await file.slice(0, SEALED_MAGIC.length).arrayBuffer()))) {
        const { fileName, content } = await readPickedFile(file, { binary: true });
        setSealedFile({ fileName, content });
        return;
      }
      // Named .tenken but not starting like one: damaged at its start, or not a package at all.
      if (/\.tenken$/i.test(file.name))
        throw new ApiCallError({ code: 'bad_input', key: 'sealedNotPackage', params: {} });
      const content = await file.text();
      try {
        const a = await api.call('assessments.import', { content });
        navigate({ name: 'assessment', id: a.id });
      } catch (e) {
        if (e instanceof ApiCallError && e.error.key === 'assessmentExists')
          setMergeFile({ fileName: file.name, source: { content } });
        else throw e;
      }
    } catch (e) {
      setDemoError(e);
    } finally {
      setImporting(false);
      if (importRef.current) importRef.current.value = '';
    }
  };
  const openDemo = async () => {
    try {
      const a = await api.call('demo.create', {});
      navigate({ name: 'assessment', id: a.id });
    } catch (e) {
      setDemoError(e);
    }
  };
  return (
    <section className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('ui.home.title')}</h1>
          <p className="page__lead">{t('ui.home.lead')}</p>
        </div>
        <div className="page__actions">
          <button type="button" className="button" disabled={importing} onClick={() => importRef.current?.click()}>
            {importing ? t('ui.loading') : t('ui.home.importAssessment')}
          </button>
          <input
            ref={importRef}
            type="file"
            name="assessmentFile"
            accept=".json,.tenken,application/json"
            hidden
            onChange={(e) => void importFile(e.target.files?.[0])}
          />
          <a className="button button--primary" href={href({ name: 'new' })}>
            {t('ui.home.new')}
          </a>
        </div>
      </div>
      <AtRestNotice />
      {sealedFile ? (
        <SealedImportDialog
          fileName={sealedFile.fileName}
          content={sealedFile.content}
          onClose={() => setSealedFile(null)}
          onImported={(a) => {
            setSealedFile(null);
            navigate({ name: 'assessment', id: a.id });
          }}
          onExists={(passphrase) => {
            setMergeFile({ fileName: sealedFile.fileName, source: { content: sealedFile.content, passphrase } });
            setSealedFile(null);
          }}
        />
      ) : null}
      {mergeFile ? (
        <MergeDialog
          fileName={mergeFile.fileName}
          source={mergeFile.source}
          onClose={() => setMergeFile(null)}
          onMerged={(a) => {
            setMergeFile(null);
            navigate({ name: 'assessment', id: a.id });
          }}
        />
      ) : null}
      {list.error ? (
        <div className="alert alert--error" role="alert">
          {errorText(list.error)}
        </div>
      ) : null}
      {demoError ? (
        <div className="alert alert--error" role="alert">
          {errorText(demoError)}
        </div>
      ) : null}
      <div className="page__actions">
        <ShelfFilter value={shelf} onChange={setShelf} />
        {shelf === 'trash' ? <EmptyTrashButton count={list.data?.length ?? 0} onDone={list.reload} /> : null}
      </div>
      {list.data && list.data.length === 0 && shelf === 'active' ? (
        <div className="empty">
          <h2 className="empty__title">{t('ui.home.emptyTitle')}</h2>
          <p>{t('ui.home.emptyBody')}</p>
          <div className="empty__actions">
            <a className="button button--primary" href={href({ name: 'new' })}>
              {t('ui.home.new')}
            </a>
            <button type="button" className="button" onClick={() => void openDemo()}>
              {t('ui.home.demo')}
            </button>
            <a className="button" href={href({ name: 'catalogs' })}>
              {t('ui.home.browseCatalogs')}
            </a>
          </div>
          <p className="empty__hint">{t('ui.home.demoHint')}</p>
        </div>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <table className="table" aria-label={t('ui.home.title')}>
          <thead>
            <tr>
              <th>{t('ui.home.col.name')}</th>
              <th>{t('ui.home.col.organization')}</th>
              <th>{t('ui.home.col.catalog')}</th>
              <th className="table__progress">{t('ui.home.col.progress')}</th>
              <th>{t('ui.home.col.status')}</th>
              <th>{t('ui.home.col.updated')}</th>
              <th>{t('periods.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id}>
                <td>
                  <a className="table__link" href={href({ name: 'assessment', id: a.id })}>
                    {a.name}
                  </a>
                </td>
                <td>{a.organization?.name ?? <span className="muted">—</span>}</td>
                <td>
                  {a.catalogs.map((c) => (
                    <div key={c.catalogId}>
                      {pick(c.title, lang)} <span className="muted">v{c.version}</span>
                    </div>
                  ))}
                </td>
                <td>
                  <ProgressBar progress={a.progress} compact />
                </td>
                <td>
                  <span className={`badge badge--${a.status}`}>{t(`ui.status.${a.status}`)}</span>
                </td>
                <td className="muted nowrap">{formatDateTime(a.updatedAt, lang)}</td>
                <td>
                  <AssessmentActions a={a} onChanged={list.reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
