import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerWorkbookPreview, WorkbookChange } from '../../../core/assessment/answer-workbook';
import type { Language } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { Dialog } from '../../components/Dialog';
import { downloadBase64, readPickedFile } from '../../components/download';
import { useErrorText } from '../../components/error-text';
import { FileButton } from '../../components/FileButton';

/**
 * The answer workbook on the report page: export it (in the report language), print the blank questionnaire, and
 * import a filled-in workbook: the file is checked first and every change (control, field, before → after, and
 * whether the control was changed in the app since the export) or every refused cell is shown in a dialog; only
 * "apply" writes, all of it in one step.
 */
export function AnswerWorkbookPanel({ id, lang }: { id: string; lang: Language }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [pending, setPending] = useState<{ preview: AnswerWorkbookPreview; content: string } | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const exportWorkbook = () =>
    run(async () => {
      const f = await api.call('answers.exportWorkbook', { assessmentId: id, lang });
      downloadBase64(f.fileName, f.mediaType, f.content);
      setNote(f.fileName);
    });
  const questionnaire = () =>
    run(async () => {
      const f = await api.call('report.questionnaire', { assessmentId: id, lang });
      downloadBase64(f.fileName, f.mediaType, f.content);
      setNote(f.fileName);
    });
  const pick = (file: File | undefined) => {
    if (!file) return;
    void run(async () => {
      const picked = await readPickedFile(file, { binary: true });
      const preview = await api.call('answers.previewWorkbook', {
        assessmentId: id,
        fileName: picked.fileName,
        content: picked.content,
        lang,
      });
      setPending({ preview, content: picked.content });
    });
    if (input.current) input.current.value = '';
  };
  const apply = () => {
    const p = pending;
    if (!p) return;
    void run(async () => {
      const r = await api.call('answers.importWorkbook', {
        assessmentId: id,
        fileName: p.preview.fileName,
        content: p.content,
        lang,
        sha256: p.preview.sha256,
      });
      setPending(null);
      setNote(t('answerWorkbook.ui.applied', { count: r.changed, file: p.preview.fileName }));
    });
  };

  const shown = (c: WorkbookChange, v: string | null, labels: Record<string, string>) =>
    v === null || v === ''
      ? t('answerWorkbook.ui.empty')
      : c.field === 'value'
        ? (labels[`${c.catalogId}:${v}`] ?? v)
        : v;

  return (
    <div className="answer-workbook">
      <div className="report-formats">
        <button
          type="button"
          className="button"
          name="exportAnswerWorkbook"
          disabled={busy}
          onClick={() => void exportWorkbook()}
        >
          {t('answerWorkbook.ui.export')}
        </button>
        <FileButton
          name="importAnswerWorkbook"
          accept=".xlsx"
          disabled={busy}
          inputRef={input}
          onFiles={(f) => pick(f[0])}
        >
          {t('answerWorkbook.ui.import')}
        </FileButton>
        <button
          type="button"
          className="button"
          name="questionnairePdf"
          disabled={busy}
          onClick={() => void questionnaire()}
        >
          {t('answerWorkbook.ui.questionnaire')}
        </button>
      </div>
      {note ? (
        <p className="saved-note" role="status">
          {note}
        </p>
      ) : null}
      {error && !pending ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      {pending ? (
        <Dialog
          title={t('answerWorkbook.ui.dialogTitle')}
          wide
          onClose={() => setPending(null)}
          closeOnBackdrop={false}
        >
          <p>
            {t('answerWorkbook.ui.summary', {
              file: pending.preview.fileName,
              exportedAt: pending.preview.exportedAt,
              count: pending.preview.changes.length,
            })}
          </p>
          {pending.preview.problems.length ? (
            <>
              <div className="alert alert--error" role="alert">
                {t('answerWorkbook.ui.refused', { count: pending.preview.problems.length })}
              </div>
              <table className="table table--dense">
                <thead>
                  <tr>
                    <th>{t('answerWorkbook.ui.where')}</th>
                    <th>{t('answerWorkbook.ui.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pending.preview.problems.map((x, i) => (
                    <tr key={i}>
                      <td>
                        {x.sheet}!{x.column}
                        {x.row}
                      </td>
                      <td>{t(`errors.${x.key}`, { ...x.params, sheet: x.sheet, row: x.row, column: x.column })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : pending.preview.changes.length === 0 ? (
            <p className="muted">{t('answerWorkbook.ui.noChanges')}</p>
          ) : (
            <table className="table table--dense">
              <thead>
                <tr>
                  <th>{t('answerWorkbook.ui.control')}</th>
                  <th>{t('answerWorkbook.ui.field')}</th>
                  <th>{t('answerWorkbook.ui.before')}</th>
                  <th>{t('answerWorkbook.ui.after')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.preview.changes.map((c, i) => (
                  <tr key={i}>
                    <td>{c.controlKey}</td>
                    <td>{t(`answerWorkbook.ui.fields.${c.field}`)}</td>
                    <td>
                      {shown(c, c.before, pending.preview.labels)}
                      {c.changedSinceExport ? (
                        <div className="alert alert--warn">
                          {t('answerWorkbook.ui.changedSinceExport', {
                            exported: shown(c, c.exported, pending.preview.labels),
                          })}
                        </div>
                      ) : null}
                    </td>
                    <td>{shown(c, c.after, pending.preview.labels)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {error ? (
            <div className="alert alert--error" role="alert">
              {errorText(error)}
            </div>
          ) : null}
          <div className="form__actions">
            <button type="button" className="button" name="cancelWorkbook" onClick={() => setPending(null)}>
              {t('answerWorkbook.ui.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              name="applyWorkbook"
              disabled={busy || pending.preview.problems.length > 0 || pending.preview.changes.length === 0}
              onClick={apply}
            >
              {t('answerWorkbook.ui.apply', { count: pending.preview.changes.length })}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
