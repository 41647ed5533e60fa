import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The report's HTML in a sandboxed frame (no scripts, its own opaque origin), from a blob: URL so the page's CSP
 * (frame-src blob:) allows it and nothing is fetched: the HTML carries its fonts and chart inline.
 */
export function ReportPreview({ html }: { html: string }) {
  const { t } = useTranslation();
  const url = useMemo(() => URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' })), [html]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <iframe className="report-preview" sandbox="" src={url} title={t('ui.report.previewTitle')} />;
}
