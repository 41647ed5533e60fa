import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../core/catalog/format';
import type { AnswerView, AssessmentDetail, EvidenceView, Progress, SuggestionView } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { href, navigate } from '../../navigation/routes';
import { CatalogTabs } from '../../components/CatalogTabs';
import { controlKeys } from '../../../core/assessment/control-key';
import { routeToControl } from './control-keys';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, pick, useLang } from '../../components/lang';
import { ProgressBar } from '../../components/Progress';
import { planAnswerKey } from './answer-intent';
import { BatchBar } from './BatchBar';
import { BatchConfirm } from './BatchConfirm';
import { CatalogManager } from './CatalogManager';
import { EditDetails } from './DetailsDialog';
import { ControlDetail, type ControlDetailHandle } from './ControlDetail';
import { ControlList } from './ControlList';
import { evidenceCounts, FILTERS, visibleControls, type Filter } from './filters';
import { KeyHelp, KeyLegend } from './KeyHelp';
import { groupStats, topAncestors } from './model';
import { StatusBar } from './StatusBar';
import { carryUndoNote, takeUndoNote, UNDO_NOTE_ITEMS, undoItem, type UndoNote } from './undo-note';
import { useAnswerSaver } from './use-answer-saver';
import { useAnsweringKeys } from './use-answering-keys';
import { VersionBar } from './VersionBar';
import { shownId } from '../../components/control-id';

export function AssessmentPage({
  id,
  catalog,
  control,
}: {
  id: string;
  catalog?: string | undefined;
  control?: string | undefined;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [detail, setDetail] = useState<AssessmentDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api.call('assessments.get', { id, ...(catalog ? { catalog } : {}) }).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api, id, catalog, tick]);
  if (loadError)
    return (
      <section className="page">
        <div className="alert alert--error" role="alert">
          {errorText(loadError)}
        </div>
      </section>
    );
  if (!detail) return <div className="loading">{t('ui.loading')}</div>;
  return (
    <Answering
      key={`${detail.id}@${detail.catalog.catalogId}@${detail.catalog.version}:${detail.status}:${tick}`}
      detail={detail}
      initialControl={control ?? null}
      onReload={() => setTick((x) => x + 1)}
    />
  );
}

function Answering({
  detail,
  initialControl,
  onReload,
}: {
  detail: AssessmentDetail;
  initialControl: string | null;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [answers, setAnswers] = useState(() => new Map(detail.answers.map((a) => [a.controlId, a])));
  const [progress, setProgress] = useState(detail.progress);
  const [evidence, setEvidence] = useState<EvidenceView[]>([]);
  const [suggestions, setSuggestions] = useState<SuggestionView[]>([]);
  // Evidence and suggestions load beside the controls; a failure is shown, never swallowed.
  const [sideError, setSideError] = useState<unknown>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [tag, setTag] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  /** A number key pressed with rows selected: what it would do, waiting for the confirmation. */
  const [confirming, setConfirming] = useState<{ value: string | null } | null>(null);
  const [undoNote, setUndoNote] = useState<UndoNote | null>(() => takeUndoNote());
  const detailRef = useRef<ControlDetailHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const locked = detail.status === 'final';

  // Controls of this catalog are named across the assessment by key (prefix + ID); see AnswerView.controlKey.
  const keys = useMemo(() => controlKeys(detail.keyPrefix), [detail.keyPrefix]);
  const onSaved = useCallback(
    (saved: AnswerView[], p: Progress) => {
      // An undo can reach back into another catalog of the assessment: open that catalog's page at the control.
      const foreign = saved.find((a) => keys.idOf(a.controlKey) === null);
      if (foreign) {
        navigate(routeToControl(detail.id, foreign.controlKey));
        return;
      }
      setAnswers((prev) => {
        const next = new Map(prev);
        for (const a of saved) next.set(a.controlId, a);
        return next;
      });
      setProgress(p);
    },
    [keys, detail.id],
  );
  const answersRef = useRef(answers);
  useEffect(() => {
    answersRef.current = answers;
  });
  const saver = useAnswerSaver(detail.id, detail.keyPrefix, onSaved);

  const refreshEvidence = useCallback(() => {
    api.call('evidence.list', { assessmentId: detail.id }).then(setEvidence, setSideError);
  }, [api, detail.id]);
  useEffect(() => {
    api.call('evidence.list', { assessmentId: detail.id }).then(setEvidence, setSideError);
    api.call('suggestions.list', { assessmentId: detail.id }).then(setSuggestions, setSideError);
  }, [api, detail.id]);

  const scale = useMemo(() => new Map(detail.answerScale.map((s) => [s.value, s])), [detail.answerScale]);
  const tops = useMemo(() => topAncestors(detail.controls), [detail.controls]);
  const evidenceCount = useMemo(() => evidenceCounts(evidence, keys.idOf), [evidence, keys]);
  const applicable = useMemo(() => detail.controls.filter((c) => c.applicable), [detail.controls]);
  const stats = useMemo(() => groupStats(applicable, answers), [applicable, answers]);
  const visible = useMemo(
    () => visibleControls(detail.controls, answers, scale, tops, evidenceCount, { filter, tag, query, group }),
    [detail.controls, answers, scale, tops, evidenceCount, filter, tag, query, group],
  );
  const assessable = useMemo(() => visible.filter((c) => c.assessable), [visible]);
  const ownSuggestions = useMemo(
    () => suggestions.filter((s) => keys.idOf(s.controlKey) !== null),
    [suggestions, keys],
  );
  const suggestedIds = useMemo(
    () => new Set(ownSuggestions.map((s) => keys.idOf(s.controlKey) as string)),
    [ownSuggestions, keys],
  );
  const [chosenId, setSelectedId] = useState<string | null>(initialControl);
  // The selection follows the filters: if the chosen control is filtered out, the first visible one is selected.
  const selectedId = assessable.some((c) => c.controlId === chosenId) ? chosenId : (assessable[0]?.controlId ?? null);
  const selected = detail.controls.find((c) => c.controlId === selectedId) ?? null;

  const move = (delta: number) => {
    const i = assessable.findIndex((c) => c.controlId === selectedId);
    const next = assessable[Math.min(assessable.length - 1, Math.max(0, i + delta))];
    if (next) setSelectedId(next.controlId);
  };
  const answerWith = (index: number | null) => {
    if (locked) return;
    const plan = planAnswerKey(detail.answerScale, index, checked.size);
    // With rows selected the key asks first (how many, and the reason where one is needed); without, it answers the
    // control on screen the way its answer button does (a value that needs a reason opens the reason field).
    if (plan.kind === 'confirmBatch') setConfirming({ value: plan.value });
    else if (plan.kind === 'choose') detailRef.current?.choose(plan.value);
  };
  const applyBatch = (value: string | null, justification: string) => {
    setUndoNote(null);
    void saver.batch({ controlIds: [...checked], value, ...(justification ? { justification } : {}) });
    setChecked(new Set());
    setConfirming(null);
  };
  /** Undoes the last change, says what it undid (which controls, from what to what) and shows that control. */
  const undo = () => {
    if (locked) return;
    void saver.undo(async (r) => {
      const items = await Promise.all(
        r.answers.slice(0, UNDO_NOTE_ITEMS).map(async (a) => {
          const id = keys.idOf(a.controlKey);
          if (id !== null) return undoItem(a.controlKey, answersRef.current.get(id), a);
          // A control of another catalog: its history says what the undo replaced.
          const h = await api.call('audit.history', { assessmentId: detail.id, controlKey: a.controlKey });
          const e = h.find((x) => x.action === 'answer.undo');
          return undoItem(a.controlKey, e?.oldValue as Partial<AnswerView> | null, a);
        }),
      );
      const note = { items, total: r.answers.length };
      const first = r.answers[0];
      if (first && keys.idOf(first.controlKey) === null) carryUndoNote(note);
      else {
        setUndoNote(note);
        if (first) selectFromOutside(first.controlKey);
      }
    });
  };
  const toggle = (controlId: string, range: boolean) => {
    const next = new Set(checked);
    if (range && anchor) {
      const ids = assessable.map((c) => c.controlId);
      const from = Math.min(ids.indexOf(anchor), ids.indexOf(controlId));
      const to = Math.max(ids.indexOf(anchor), ids.indexOf(controlId));
      if (from >= 0) for (const x of ids.slice(from, to + 1)) next.add(x);
    } else if (next.has(controlId)) next.delete(controlId);
    else next.add(controlId);
    setAnchor(controlId);
    setChecked(next);
  };
  useAnsweringKeys({
    next: () => move(1),
    previous: () => move(-1),
    answer: (i) => answerWith(i),
    clear: () => answerWith(null),
    focusComment: () => commentRef.current?.focus(),
    focusSearch: () => searchRef.current?.focus(),
    toggleHelp: () => setShowKeys((s) => !s),
    attach: () => {
      if (!locked) fileRef.current?.click();
    },
    undo,
    toggleCheck: () => {
      if (selectedId) toggle(selectedId, false);
    },
    toggleMark: () => {
      if (selected && !locked)
        void saver.save({
          controlId: selected.controlId,
          markedForReview: !(answers.get(selected.controlId)?.markedForReview ?? false),
        });
    },
    // Esc outside a field drops a value waiting for its reason, and clears the batch selection.
    escape: () => {
      detailRef.current?.dropPending();
      if (checked.size > 0) setChecked(new Set());
    },
  });

  /** Selects a control named by its key; one of another catalog opens that catalog's page. */
  const selectFromOutside = (key: string) => {
    const controlId = keys.idOf(key);
    if (controlId === null) {
      navigate(routeToControl(detail.id, key));
      return;
    }
    setGroup(null);
    setQuery('');
    setFilter('all');
    setTag(null);
    setSelectedId(controlId);
  };

  return (
    <section className="answering">
      {sideError ? (
        <div className="alert alert--error" role="alert">
          {errorText(sideError)}
        </div>
      ) : null}
      <header className="answering__header">
        <div className="answering__heading">
          <a className="backlink" href={href({ name: 'home' })}>
            ← {t('ui.nav.assessments')}
          </a>
          <h1 className="answering__title">{detail.name}</h1>
          <p className="answering__meta">
            {detail.organization ? <span>{detail.organization.name}</span> : null}
            <span>
              {pick(detail.catalog.title, lang)} v{detail.catalog.version}
            </span>
            {detail.profile ? (
              <span className="badge">
                {pick(detail.profiles.find((p) => p.id === detail.profile)?.label, lang) || detail.profile}
              </span>
            ) : null}
            <span className={`badge badge--${detail.status}`}>{t(`ui.status.${detail.status}`)}</span>
            <a
              href={href({
                name: 'dashboard',
                id: detail.id,
                ...(detail.keyPrefix ? { catalog: detail.catalog.catalogId } : {}),
              })}
            >
              {t('ui.assessment.dashboard')}
            </a>
            <a href={href({ name: 'report', id: detail.id })}>{t('ui.assessment.report')}</a>
            <a href={href({ name: 'requests', id: detail.id })}>{t('requests.ui.link')}</a>
            <CatalogManager detail={detail} empty={answers.size === 0 && evidenceCount.size === 0} />
            <EditDetails detail={detail} onSaved={onReload} />
          </p>
        </div>
        <div className="answering__status">
          <ProgressBar progress={progress} />
          <SaveIndicator state={saver.state} errorText={errorText} lang={lang} />
          {undoNote ? <UndoMessage note={undoNote} scale={scale} onDismiss={() => setUndoNote(null)} /> : null}
          <StatusBar id={detail.id} status={detail.status} onChanged={onReload} onSelect={selectFromOutside} />
        </div>
      </header>
      {detail.catalogs.length > 1 ? (
        <CatalogTabs
          detail={detail}
          current={progress}
          route={(catalog) => ({ name: 'assessment', id: detail.id, catalog })}
        />
      ) : null}
      <VersionBar
        detail={detail}
        answered={new Set([...answers.values()].filter((a) => a.value).map((a) => a.controlId))}
        onUpgraded={onReload}
        onSelect={(controlId) => selectFromOutside(keys.keyOf(controlId))}
      />
      {locked ? <div className="locked-bar">{t('ui.status.lockedNote')}</div> : null}
      <div className="answering__body">
        <nav className="groups" aria-label={t('ui.assessment.groups')}>
          <button type="button" className={group === null ? 'group is-active' : 'group'} onClick={() => setGroup(null)}>
            <span className="group__title">{t('ui.assessment.allGroups')}</span>
            <span className="group__count">
              {progress.answered}/{progress.total}
            </span>
          </button>
          {stats
            .filter((s) => s.total > 0)
            .map((s) => (
              <button
                key={s.controlId}
                type="button"
                className={group === s.controlId ? 'group is-active' : 'group'}
                onClick={() => setGroup(s.controlId)}
              >
                <span className="group__title">
                  {shownId(s.controlId, pick(s.title, lang)) ? <span className="group__id">{s.controlId}</span> : null}
                  {pick(s.title, lang)}
                </span>
                <span className={s.answered === s.total ? 'group__count is-done' : 'group__count'}>
                  {s.answered}/{s.total}
                </span>
              </button>
            ))}
        </nav>
        <div className="controls">
          <div className="controls__tools">
            <input
              ref={searchRef}
              className="input input--search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t('ui.assessment.search')}
              aria-label={t('ui.assessment.search')}
            />
            <button type="button" className="button button--quiet" onClick={() => setShowKeys(true)} title="?">
              {t('ui.assessment.keys')}
            </button>
          </div>
          <div className="controls__filters" role="group" aria-label={t('ui.filters.label')}>
            {FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                className={filter === f ? 'pill is-active' : 'pill'}
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
              >
                {t(`ui.filters.${f}`)}
              </button>
            ))}
            {detail.tags.length > 0 ? (
              <select
                className="input input--inline pill-select"
                value={tag ?? ''}
                onChange={(e) => setTag(e.target.value || null)}
                aria-label={t('ui.filters.tag')}
              >
                <option value="">{t('ui.filters.anyTag')}</option>
                {detail.tags.map((x) => (
                  <option key={x.id} value={x.id}>
                    {pick(x.label, lang)}
                  </option>
                ))}
              </select>
            ) : null}
            <span className="muted controls__count">{t('ui.filters.count', { n: assessable.length })}</span>
          </div>
          <KeyLegend scale={detail.answerScale} />
          {checked.size > 0 ? (
            <BatchBar
              count={checked.size}
              scale={detail.answerScale}
              answers={[...checked].map((x) => answers.get(x))}
              locked={locked}
              onApply={applyBatch}
              onClearAnswers={() => setConfirming({ value: null })}
              onClear={() => setChecked(new Set())}
            />
          ) : null}
          <ControlList
            rows={visible}
            answers={answers}
            evidence={evidenceCount}
            scale={scale}
            selectedId={selectedId}
            checked={checked}
            suggested={suggestedIds}
            onSelect={setSelectedId}
            onToggle={toggle}
          />
          {visible.length === 0 ? <p className="muted pad">{t('ui.assessment.noMatch')}</p> : null}
        </div>
        <aside className="detail-pane">
          {selected ? (
            <ControlDetail
              key={selected.controlId}
              assessmentId={detail.id}
              control={selected}
              answer={answers.get(selected.controlId)}
              scale={detail.answerScale}
              customizedApproach={detail.customizedApproach}
              locked={locked}
              controlKey={keys.keyOf(selected.controlId)}
              evidence={evidence}
              suggestions={ownSuggestions.filter((s) => s.controlKey === keys.keyOf(selected.controlId))}
              onSave={(p) => {
                setUndoNote(null);
                void saver.save(p);
              }}
              onEvidenceChanged={refreshEvidence}
              commentRef={commentRef}
              fileRef={fileRef}
              handle={detailRef}
            />
          ) : (
            <p className="muted pad">{t('ui.assessment.selectControl')}</p>
          )}
        </aside>
      </div>
      {showKeys ? <KeyHelp scale={detail.answerScale} onClose={() => setShowKeys(false)} /> : null}
      {confirming && checked.size > 0 ? (
        <BatchConfirm
          value={confirming.value}
          scale={detail.answerScale}
          answers={[...checked].map((x) => answers.get(x))}
          hidden={[...checked].filter((x) => !assessable.some((c) => c.controlId === x)).length}
          onConfirm={(justification) => applyBatch(confirming.value, justification)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
      <footer className="answering__footer muted">
        {t('ui.assessment.created', { when: formatDateTime(detail.createdAt, lang) })}
        {detail.assessors ? ` · ${t('ui.assessment.assessorsLine', { names: detail.assessors })}` : ''}
        {detail.periodStart
          ? ` · ${t('ui.assessment.periodLine', { from: detail.periodStart, to: detail.periodEnd ?? '' })}`
          : ''}
      </footer>
    </section>
  );
}

/** After an undo: which controls it changed back, from what to what. */
function UndoMessage({
  note,
  scale,
  onDismiss,
}: {
  note: UndoNote;
  scale: ReadonlyMap<string, AnswerValue>;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = (v: string | null) =>
    v === null ? t('ui.assessment.unanswered') : pick(scale.get(v)?.label, lang) || v;
  const parts = note.items.map((i) =>
    i.from !== i.to
      ? t('ui.undo.value', { control: i.controlKey, from: label(i.from), to: label(i.to) })
      : t('ui.undo.fields', {
          control: i.controlKey,
          fields: i.fields.map((f) => t(`ui.undo.field.${f}`)).join(t('ui.undo.separator')),
        }),
  );
  const more = note.total - note.items.length;
  return (
    <span className="undo-note" role="status">
      {t('ui.undo.done', { what: parts.join(t('ui.undo.separator')) })}
      {more > 0 ? ` ${t('ui.undo.more', { n: more })}` : ''}
      <button type="button" className="linklike undo-note__close" onClick={onDismiss} aria-label={t('ui.close')}>
        ×
      </button>
    </span>
  );
}

function SaveIndicator({
  state,
  errorText,
  lang,
}: {
  state: ReturnType<typeof useAnswerSaver>['state'];
  errorText: (e: unknown) => string;
  lang: 'ja' | 'en';
}) {
  const { t } = useTranslation();
  if (state.kind === 'saving')
    return (
      <span className="save-state" role="status">
        {t('ui.assessment.saving')}
      </span>
    );
  if (state.kind === 'saved')
    return (
      <span className="save-state save-state--ok" role="status">
        {t('ui.assessment.saved', { when: formatDateTime(state.at, lang) })}
      </span>
    );
  if (state.kind === 'error')
    return (
      <span className="save-state save-state--error" role="alert">
        {t('ui.assessment.saveFailed')}: {errorText(state.error)}
      </span>
    );
  return (
    <span className="save-state" role="status">
      {t('ui.assessment.autosave')}
    </span>
  );
}
