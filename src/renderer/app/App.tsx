import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus, RestoreOutcome } from '../../shared/api/backups-types';
import type { AppInfo, Settings } from '../../shared/api/types';
import type { ApiClient } from '../api/client';
import { ApiContext } from '../api/context';
import { useErrorText } from '../components/error-text';
import { setDisplayTimeZone } from '../components/lang';
import { AssessmentPage } from '../features/assessment/AssessmentPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ReportPage } from '../features/report/ReportPage';
import { CatalogDiffPage } from '../features/catalogs/CatalogDiffPage';
import { CatalogImportPage } from '../features/catalogs/CatalogImportPage';
import { CatalogLibraryPage } from '../features/catalogs/CatalogLibraryPage';
import { HomePage } from '../features/home/HomePage';
import { RollupPage } from '../features/rollup/RollupPage';
import { NewAssessmentPage } from '../features/home/NewAssessmentPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { RecoveryScreen } from '../features/backups/RecoveryScreen';
import { RequestsPage } from '../features/requests/RequestsPage';
import { ResponsePage } from '../features/requests/ResponsePage';
import { ResponsesPage } from '../features/requests/ResponsesPage';
import { initI18n, setLanguage } from './i18n';
import { href, type Route } from '../navigation/routes';
import { useRoute } from './router';

initI18n('ja');

/**
 * Asks first whether the workspace is open: if not, the recovery start screen (features/backups). After a restore
 * (from there or from Settings) the same process serves the restored workspace, and every screen is mounted anew so
 * that each loads its data again.
 */
export function App({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [notice, setNotice] = useState<RestoreOutcome | null>(null);
  useEffect(() => {
    api.call('recovery.status', {}).then(setStatus, () => setStatus({ mode: 'normal' }));
  }, [api, generation]);
  const reopen = (outcome: RestoreOutcome | null) => {
    setNotice(outcome);
    setStatus(null);
    setGeneration((g) => g + 1);
  };
  return (
    <ApiContext.Provider value={api}>
      {status === null ? <div className="loading">{t('ui.loading')}</div> : null}
      {status?.mode === 'recovery' ? (
        <RecoveryScreen
          status={status}
          onOpened={() => {
            window.location.hash = '#/';
            reopen(null);
          }}
          onLanguage={setLanguage}
        />
      ) : null}
      {status?.mode === 'normal' ? (
        <OpenWorkspace key={generation} api={api} notice={notice} onRestored={reopen} />
      ) : null}
    </ApiContext.Provider>
  );
}

/** The app over an open workspace: its settings, the read-only banner, the pages. */
function OpenWorkspace({
  api,
  notice,
  onRestored,
}: {
  api: ApiClient;
  notice: RestoreOutcome | null;
  onRestored: (outcome: RestoreOutcome) => void;
}) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [bootError, setBootError] = useState<unknown>(null);
  const [readOnly, setReadOnly] = useState<AppInfo['readOnly']>(null);
  useEffect(() => {
    // A workspace that cannot be written (read-only file or folder, full disk) is said once, above every page.
    api.call('app.info', {}).then(
      (info) => setReadOnly(info.readOnly ?? null),
      () => undefined,
    );
  }, [api]);
  useEffect(() => {
    api.call('settings.get', {}).then(
      (s) => {
        setLanguage(s.language);
        setDisplayTimeZone(s.timeZone);
        setSettings(s);
      },
      (e: unknown) => setBootError(e),
    );
  }, [api]);
  return (
    <Shell
      settings={settings}
      bootError={bootError}
      readOnly={readOnly}
      notice={notice}
      onRestored={onRestored}
      onSettings={(s) => {
        setLanguage(s.language);
        setDisplayTimeZone(s.timeZone);
        setSettings(s);
      }}
    />
  );
}

function Shell({
  settings,
  bootError,
  readOnly,
  notice,
  onRestored,
  onSettings,
}: {
  settings: Settings | null;
  bootError: unknown;
  readOnly: AppInfo['readOnly'];
  notice: RestoreOutcome | null;
  onRestored: (outcome: RestoreOutcome) => void;
  onSettings: (s: Settings) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const route = useRoute();
  useEffect(() => {
    document.title = t('ui.appTitle');
  }, [t, settings?.language]);
  const nav: { route: Route; label: string; active: boolean }[] = [
    {
      route: { name: 'home' },
      label: t('ui.nav.assessments'),
      active:
        route.name === 'home' ||
        route.name === 'new' ||
        route.name === 'assessment' ||
        route.name === 'dashboard' ||
        route.name === 'report' ||
        route.name === 'requests',
    },
    { route: { name: 'rollup' }, label: t('ui.nav.rollup'), active: route.name === 'rollup' },
    {
      route: { name: 'catalogs' },
      label: t('ui.nav.catalogs'),
      active: route.name === 'catalogs' || route.name === 'catalogImport' || route.name === 'catalogDiff',
    },
    {
      route: { name: 'responses' },
      label: t('requests.ui.nav'),
      active: route.name === 'responses' || route.name === 'response',
    },
    { route: { name: 'settings' }, label: t('ui.nav.settings'), active: route.name === 'settings' },
  ];
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href({ name: 'home' })}>
          <span className="brand__mark" aria-hidden="true">
            {t('ui.brandMark')}
          </span>
          <span className="brand__name">{t('ui.brand')}</span>
        </a>
        <nav className="topnav" aria-label={t('ui.nav.label')}>
          {nav.map((n) => (
            <a
              key={n.label}
              href={href(n.route)}
              className={n.active ? 'topnav__link is-active' : 'topnav__link'}
              aria-current={n.active ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <span className="topbar__user" title={t('ui.settings.userName')}>
          {settings?.userName ?? ''}
        </span>
      </header>
      {readOnly ? (
        <div className="readonly-banner" role="status" data-testid="read-only-banner">
          <strong>{t('ui.readOnlyBanner.title')}</strong> {t(`ui.readOnlyBanner.${readOnly}`)}
        </div>
      ) : null}
      <main className="main">
        {notice ? (
          <div className="alert alert--ok" role="status" data-testid="restored-notice">
            {t('ui.backups.restoredNotice', { name: notice.restored })}{' '}
            {notice.safetyCopy ? t('ui.recovery.safetyCopy', { name: notice.safetyCopy }) : null}
            {notice.keptAside ? t('ui.recovery.keptAside', { file: notice.keptAside }) : null}
          </div>
        ) : null}
        {bootError ? (
          <div className="alert alert--error" role="alert">
            {errorText(bootError)}
          </div>
        ) : null}
        {!settings && !bootError ? <div className="loading">{t('ui.loading')}</div> : null}
        {settings ? <Page route={route} settings={settings} onSettings={onSettings} onRestored={onRestored} /> : null}
      </main>
    </div>
  );
}

function Page({
  route,
  settings,
  onSettings,
  onRestored,
}: {
  route: Route;
  settings: Settings;
  onSettings: (s: Settings) => void;
  onRestored: (outcome: RestoreOutcome) => void;
}) {
  switch (route.name) {
    case 'catalogs':
      return <CatalogLibraryPage />;
    case 'catalogImport':
      return <CatalogImportPage />;
    case 'catalogDiff':
      return <CatalogDiffPage catalogId={route.catalogId} />;
    case 'new':
      return <NewAssessmentPage />;
    case 'assessment':
      return (
        <AssessmentPage
          key={`${route.id}/${route.catalog ?? ''}`}
          id={route.id}
          catalog={route.catalog}
          control={route.control}
        />
      );
    case 'dashboard':
      return <DashboardPage key={`${route.id}/${route.catalog ?? ''}`} id={route.id} catalog={route.catalog} />;
    case 'report':
      return <ReportPage id={route.id} />;
    case 'rollup':
      return <RollupPage key={route.catalogId ?? ''} catalogId={route.catalogId} />;
    case 'requests':
      return <RequestsPage key={route.id} id={route.id} />;
    case 'responses':
      return <ResponsesPage />;
    case 'response':
      return <ResponsePage key={route.requestId} requestId={route.requestId} />;
    case 'settings':
      return <SettingsPage settings={settings} onSaved={onSettings} onRestored={onRestored} />;
    default:
      return <HomePage />;
  }
}
