import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { RequestsPage } from '../features/requests/RequestsPage';
import { ResponsePage } from '../features/requests/ResponsePage';
import { ResponsesPage } from '../features/requests/ResponsesPage';
import { initI18n, setLanguage } from './i18n';
import { href, type Route } from '../navigation/routes';
import { useRoute } from './router';

initI18n('ja');

export function App({ api }: { api: ApiClient }) {
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
    <ApiContext.Provider value={api}>
      <Shell
        settings={settings}
        bootError={bootError}
        readOnly={readOnly}
        onSettings={(s) => {
          setLanguage(s.language);
          setDisplayTimeZone(s.timeZone);
          setSettings(s);
        }}
      />
    </ApiContext.Provider>
  );
}

function Shell({
  settings,
  bootError,
  readOnly,
  onSettings,
}: {
  settings: Settings | null;
  bootError: unknown;
  readOnly: AppInfo['readOnly'];
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
        {bootError ? (
          <div className="alert alert--error" role="alert">
            {errorText(bootError)}
          </div>
        ) : null}
        {!settings && !bootError ? <div className="loading">{t('ui.loading')}</div> : null}
        {settings ? <Page route={route} settings={settings} onSettings={onSettings} /> : null}
      </main>
    </div>
  );
}

function Page({
  route,
  settings,
  onSettings,
}: {
  route: Route;
  settings: Settings;
  onSettings: (s: Settings) => void;
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
      return <SettingsPage settings={settings} onSaved={onSettings} />;
    default:
      return <HomePage />;
  }
}
