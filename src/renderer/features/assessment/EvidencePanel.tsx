import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceView } from '../../../shared/api/types';
import { useApi } from '../../api/context';
import { base64ToBlob, downloadBase64, readPickedFile } from '../../components/download';
import { Dialog } from '../../components/Dialog';
import { useErrorText } from '../../components/error-text';
import { formatDateTime, useLang } from '../../components/lang';
import { EvidenceValidity } from '../periods/EvidenceValidity';
import { FileButton } from '../../components/FileButton';

const MAX_BYTES = 25 * 1024 * 1024;

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Evidence of one control: attach (dialog, drop, or the e key), link existing files, preview, save a copy. */
export function EvidencePanel({
  assessmentId,
  controlKey,
  evidence,
  locked,
  onChanged,
  fileRef,
}: {
  assessmentId: string;
  controlKey: string;
  evidence: EvidenceView[];
  locked: boolean;
  onChanged: () => void;
  fileRef: React.RefObject<HTMLInputElement | null>;
}) {
  // Only the desktop app can open the OS file manager.
  const desktop = (window as unknown as { tenken?: unknown }).tenken !== undefined;
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLang();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ url: string; type: string; name: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const linked = evidence.filter((e) => e.controlKeys.includes(controlKey));
  const others = evidence.filter((e) => !e.controlKeys.includes(controlKey));

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  const attach = async (files: FileList | File[] | null | undefined) => {
    if (!files || locked) return;
    setError(null);
    setBusy(true);
    try {
      for (const file of Array.from(files)) {
        if (file.size > MAX_BYTES)
          throw new Error(t('errors.evidenceTooLarge', { file: file.name, limitMb: MAX_BYTES / 1024 / 1024 }));
        const f = await readPickedFile(file, { binary: true });
        await api.call('evidence.add', {
          assessmentId,
          controlKeys: [controlKey],
          fileName: f.fileName,
          content: f.content,
        });
      }
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };
  const setLink = async (id: string, link: boolean) => {
    setError(null);
    try {
      await api.call('evidence.link', { evidenceId: id, controlKey, linked: link });
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const open = async (e: EvidenceView, mode: 'preview' | 'save') => {
    setError(null);
    try {
      const f = await api.call('evidence.content', { evidenceId: e.id });
      if (mode === 'preview')
        setPreview({
          url: URL.createObjectURL(base64ToBlob(f.content, f.mediaType)),
          type: f.mediaType,
          name: f.fileName,
        });
      else downloadBase64(f.fileName, f.mediaType, f.content);
    } catch (err) {
      setError(err);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void attach(e.dataTransfer.files);
  };
  const previewable = (type: string) => type.startsWith('image/') || type === 'application/pdf';

  return (
    <section
      className={dragging ? 'evidence is-dragging' : 'evidence'}
      onDragOver={(e) => {
        e.preventDefault();
        if (!locked) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      aria-label={t('ui.evidence.title')}
    >
      <div className="evidence__head">
        <h3>
          {t('ui.evidence.title')} <span className="muted">({linked.length})</span>
        </h3>
        <FileButton
          name="evidenceFile"
          className="button button--small"
          multiple
          disabled={locked || busy}
          inputRef={fileRef}
          onFiles={(files) => void attach(files)}
        >
          {t('ui.evidence.attach')} <kbd>e</kbd>
        </FileButton>
      </div>
      {linked.length === 0 ? <p className="muted evidence__empty">{t('ui.evidence.none')}</p> : null}
      <ul className="evidence__list">
        {linked.map((e) => (
          <li key={e.id} className="evidence__item">
            <div className="evidence__name">{e.fileName}</div>
            <div className="evidence__meta mono" title={e.sha256}>
              SHA-256 {e.sha256.slice(0, 16)}… · {size(e.size)} · {e.mediaType}
            </div>
            <div className="evidence__meta">
              {t('ui.evidence.added', { who: e.addedBy, when: formatDateTime(e.addedAt, lang) })}
              {e.controlKeys.length > 1
                ? ` · ${t('ui.evidence.alsoFor', { ids: e.controlKeys.filter((c) => c !== controlKey).join(', ') })}`
                : ''}
            </div>
            <EvidenceValidity assessmentId={assessmentId} evidenceId={e.id} locked={locked} />
            <div className="evidence__actions">
              {previewable(e.mediaType) ? (
                <button type="button" className="linklike" onClick={() => void open(e, 'preview')}>
                  {t('ui.evidence.preview')}
                </button>
              ) : null}
              <button type="button" className="linklike" onClick={() => void open(e, 'save')}>
                {t('ui.evidence.save')}
              </button>
              {desktop ? (
                <button
                  type="button"
                  className="linklike"
                  onClick={() => void api.call('evidence.reveal', { evidenceId: e.id }).catch(setError)}
                >
                  {t('ui.evidence.reveal')}
                </button>
              ) : null}
              {!locked ? (
                <button type="button" className="linklike" onClick={() => void setLink(e.id, false)}>
                  {t('ui.evidence.unlink')}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {others.length > 0 && !locked ? (
        <label className="evidence__reuse">
          {t('ui.evidence.reuse')}
          <select
            className="input input--inline"
            value=""
            onChange={(e) => e.target.value && void setLink(e.target.value, true)}
          >
            <option value="">—</option>
            {others.map((e) => (
              <option key={e.id} value={e.id}>
                {e.fileName}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {busy ? <p className="muted">{t('ui.evidence.uploading')}</p> : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      {preview ? (
        <Dialog title={preview.name} onClose={() => setPreview(null)} wide>
          {preview.type.startsWith('image/') ? (
            <img className="evidence__image" src={preview.url} alt={preview.name} />
          ) : preview.type === 'application/pdf' ? (
            // Only a blob typed application/pdf, so Chromium's PDF viewer shows it and it never runs as a page of the
            // app. No `sandbox`: Chromium refuses to show a PDF in any sandboxed frame (README, security section).
            <iframe className="evidence__pdf" src={preview.url} title={preview.name} />
          ) : null}
          <button type="button" className="button" onClick={() => setPreview(null)} data-autofocus>
            {t('ui.close')}
          </button>
        </Dialog>
      ) : null}
    </section>
  );
}
