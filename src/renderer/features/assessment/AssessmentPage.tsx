import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerSaved, AnswerView, AssessmentDetail } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { href } from '../../app/router';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { ProgressBar } from '../../components/Progress';
import { ControlDetail } from './ControlDetail';
import { VersionBar } from './VersionBar';
import { KeyHelp } from './KeyHelp';
import { groupStats, matchesQuery, topAncestors } from './model';
import { useAnswerSaver } from './use-answer-saver';
import { useAnsweringKeys } from './use-answering-keys';

export function AssessmentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [detail, setDetail] = useState<AssessmentDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api.call('assessments.get', { id }).then((d) => live && setDetail(d), (e: unknown) => live && setLoadError(e));
    return () => { live = false; };
  }, [api, id, tick]);
  if (loadError) return <section className="page"><div className="alert alert--error" role="alert">{errorText(loadError)}</div></section>;
  if (!detail) return <div className="loading">{t('ui.loading')}</div>;
  return <Answering key={`${detail.id}@${detail.catalog.version}`} detail={detail} onReload={() => setTick((x) => x + 1)} />;
}

function Answering({ detail, onReload }: { detail: AssessmentDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [answers, setAnswers] = useState(() => new Map(detail.answers.map((a) => [a.controlId, a])));
  const [progress, setProgress] = useState(detail.progress);
  const [group, setGroup] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [showKeys, setShowKeys] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const onSaved = useCallback((s: AnswerSaved) => {
    setAnswers((prev) => new Map(prev).set(s.answer.controlId, s.answer));
    setProgress(s.progress);
  }, []);
  const saver = useAnswerSaver(detail.id, onSaved);

  const tops = useMemo(() => topAncestors(detail.controls), [detail.controls]);
  const stats = useMemo(() => groupStats(detail.controls, answers), [detail.controls, answers]);
  const visible = useMemo(
    () => detail.controls.filter((c) => (group === null || tops.get(c.controlId) === group) && (c.assessable ? matchesQuery(c, query) : query === '')),
    [detail.controls, group, tops, query],
  );
  const assessable = useMemo(() => visible.filter((c) => c.assessable), [visible]);
  const [chosenId, setSelectedId] = useState<string | null>(null);
  // The selection follows the filters: if the chosen control is filtered out, the first visible one is selected.
  const selectedId = assessable.some((c) => c.controlId === chosenId) ? chosenId : (assessable[0]?.controlId ?? null);
  const selected = detail.controls.find((c) => c.controlId === selectedId) ?? null;
  const locked = detail.status === 'final';
  useEffect(() => {
    listRef.current?.querySelector('.row.is-selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const move = (delta: number) => {
    const i = assessable.findIndex((c) => c.controlId === selectedId);
    const next = assessable[Math.min(assessable.length - 1, Math.max(0, i + delta))];
    if (next) setSelectedId(next.controlId);
  };
  const answerWith = (index: number | null) => {
    if (!selected || locked) return;
    const value = index === null ? null : detail.answerScale[index]?.value;
    if (value === undefined) return;
    const current: AnswerView | undefined = answers.get(selected.controlId);
    void saver.save({ controlId: selected.controlId, value, comment: current?.comment ?? '', justification: current?.justification ?? '' });
  };
  useAnsweringKeys({
    next: () => move(1),
    previous: () => move(-1),
    answer: (i) => answerWith(i),
    clear: () => answerWith(null),
    focusComment: () => commentRef.current?.focus(),
    focusSearch: () => searchRef.current?.focus(),
    toggleHelp: () => setShowKeys((s) => !s),
  });

  const scaleByValue = new Map(detail.answerScale.map((s) => [s.value, s]));
  return (
    <section className="answering">
      <header className="answering__header">
        <div className="answering__heading">
          <a className="backlink" href={href({ name: 'home' })}>← {t('ui.nav.assessments')}</a>
          <h1 className="answering__title">{detail.name}</h1>
          <p className="answering__meta">
            {detail.organization ? <span>{detail.organization.name}</span> : null}
            <span>{pick(detail.catalog.title, lang)} v{detail.catalog.version}</span>
            <span className={`badge badge--${detail.status}`}>{t(`ui.status.${detail.status}`)}</span>
          </p>
        </div>
        <div className="answering__status">
          <ProgressBar progress={progress} />
          <SaveIndicator state={saver.state} errorText={errorText} lang={lang} />
        </div>
      </header>
      <VersionBar detail={detail} answered={new Set([...answers.values()].filter((a) => a.value).map((a) => a.controlId))} onUpgraded={onReload} onSelect={(id) => { setGroup(null); setQuery(''); setSelectedId(id); }} />
      <div className="answering__body">
        <nav className="groups" aria-label={t('ui.assessment.groups')}>
          <button type="button" className={group === null ? 'group is-active' : 'group'} onClick={() => setGroup(null)}>
            <span className="group__title">{t('ui.assessment.allGroups')}</span>
            <span className="group__count">{progress.answered}/{progress.total}</span>
          </button>
          {stats.filter((s) => s.total > 0).map((s) => (
            <button key={s.controlId} type="button" className={group === s.controlId ? 'group is-active' : 'group'} onClick={() => setGroup(s.controlId)}>
              <span className="group__title"><span className="group__id">{s.controlId}</span> {pick(s.title, lang)}</span>
              <span className={s.answered === s.total ? 'group__count is-done' : 'group__count'}>{s.answered}/{s.total}</span>
            </button>
          ))}
        </nav>
        <div className="controls">
          <div className="controls__tools">
            <input ref={searchRef} className="input input--search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('ui.assessment.search')} aria-label={t('ui.assessment.search')} />
            <button type="button" className="button button--quiet" onClick={() => setShowKeys(true)} title="?">{t('ui.assessment.keys')}</button>
          </div>
          <div className="controls__list" ref={listRef} role="listbox" aria-label={t('ui.assessment.controls')}>
            {visible.map((c) => {
              if (!c.assessable) {
                return (
                  <div key={c.controlId} className={`row row--heading depth-${Math.min(c.depth, 3)}`}>
                    <span className="row__id">{c.controlId}</span>
                    <span className="row__title">{pick(c.title, lang)}</span>
                  </div>
                );
              }
              const a = answers.get(c.controlId);
              const s = a?.value ? scaleByValue.get(a.value) : undefined;
              const missing = s?.justification === 'required' && !a?.justification.trim();
              return (
                <div
                  key={c.controlId}
                  role="option"
                  aria-selected={c.controlId === selectedId}
                  data-control={c.controlId}
                  className={`row depth-${Math.min(c.depth, 3)}${c.controlId === selectedId ? ' is-selected' : ''}`}
                  onClick={() => setSelectedId(c.controlId)}
                >
                  <span className="row__id">{c.controlId}</span>
                  <span className="row__title">{pick(c.title, lang)}</span>
                  <span className={s ? `chip chip--${s.meaning}` : 'chip chip--empty'}>{s ? pick(s.label, lang) : t('ui.assessment.unanswered')}</span>
                  {missing ? <span className="row__warn" title={t('ui.assessment.justificationRequired')}>!</span> : null}
                  {a?.comment ? <span className="row__note" title={t('ui.assessment.comment')}>✎</span> : null}
                </div>
              );
            })}
            {visible.length === 0 ? <p className="muted pad">{t('ui.assessment.noMatch')}</p> : null}
          </div>
        </div>
        <aside className="detail-pane">
          {selected ? (
            <ControlDetail key={selected.controlId} control={selected} answer={answers.get(selected.controlId)} scale={detail.answerScale} locked={locked} onSave={(d) => void saver.save(d)} commentRef={commentRef} />
          ) : (
            <p className="muted pad">{t('ui.assessment.selectControl')}</p>
          )}
        </aside>
      </div>
      {showKeys ? <KeyHelp scale={detail.answerScale} onClose={() => setShowKeys(false)} /> : null}
      <footer className="answering__footer muted">{t('ui.assessment.created', { when: formatDateTime(detail.createdAt, lang) })}</footer>
    </section>
  );
}

function SaveIndicator({ state, errorText, lang }: { state: ReturnType<typeof useAnswerSaver>['state']; errorText: (e: unknown) => string; lang: 'ja' | 'en' }) {
  const { t } = useTranslation();
  if (state.kind === 'saving') return <span className="save-state" role="status">{t('ui.assessment.saving')}</span>;
  if (state.kind === 'saved') return <span className="save-state save-state--ok" role="status">{t('ui.assessment.saved', { when: formatDateTime(state.at, lang) })}</span>;
  if (state.kind === 'error') return <span className="save-state save-state--error" role="alert">{t('ui.assessment.saveFailed')}: {errorText(state.error)}</span>;
  return <span className="save-state" role="status">{t('ui.assessment.autosave')}</span>;
}
