import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { useErrorText } from '../../components/error-text';

/** What the report page calls before a preview or an export, so the report prints what is in the field. */
export type SaveOverallComment = () => Promise<void>;

type Props = {
  id: string;
  /** The overall comment as stored. */
  stored: string;
  /** A final assessment's comment is shown, not edited (reopening it makes it editable). */
  locked: boolean;
  saveRef: React.RefObject<SaveOverallComment | null>;
};

/**
 * The overall comment (sōhyō): the assessment's overall comment, on the report page where it is read before exporting. Saved through
 * `assessments.update` (one history entry, like any detail of the cover) when the field loses the focus, by its
 * button, and before any preview or export; nothing is saved when the text is unchanged.
 */
export function OverallCommentField({ id, stored, locked, saveRef }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [value, setValue] = useState(stored);
  const [saved, setSaved] = useState(stored);
  const [note, setNote] = useState<'saved' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef({ value, saved });
  useEffect(() => {
    current.current = { value, saved };
  });

  const save: SaveOverallComment = async () => {
    const { value: v, saved: s } = current.current;
    if (locked || v === s) return;
    setError(null);
    try {
      await api.call('assessments.update', { id, overallComment: v });
      current.current = { value: v, saved: v };
      setSaved(v);
      setNote('saved');
    } catch (e) {
      setError(e);
      throw e;
    }
  };
  useEffect(() => {
    saveRef.current = save;
  });

  const dirty = value !== saved;
  return (
    <div className="field overall-comment">
      <label className="field__label" htmlFor="overall-comment">
        {t('ui.report.overallComment')}
      </label>
      <textarea
        id="overall-comment"
        className="textarea"
        name="overallComment"
        rows={5}
        maxLength={20000}
        value={value}
        disabled={locked}
        aria-describedby="overall-comment-hint"
        onChange={(e) => {
          setValue(e.target.value);
          setNote(null);
        }}
        onBlur={() => void save().catch(() => undefined)}
      />
      <span className="field__hint" id="overall-comment-hint">
        {locked ? t('ui.report.overallCommentLocked') : t('ui.report.overallCommentHint')}
      </span>
      {locked ? null : (
        <div className="report-formats">
          <button
            type="button"
            className="button"
            name="saveOverallComment"
            disabled={!dirty}
            onClick={() => void save().catch(() => undefined)}
          >
            {t('ui.report.overallCommentSave')}
          </button>
          {dirty ? <span className="field__hint">{t('ui.report.overallCommentUnsaved')}</span> : null}
          {note === 'saved' && !dirty ? (
            <span className="saved-note" role="status">
              {t('ui.report.overallCommentSaved')}
            </span>
          ) : null}
        </div>
      )}
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
    </div>
  );
}
