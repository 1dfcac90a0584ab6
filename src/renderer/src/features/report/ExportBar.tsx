// Export buttons (Markdown, HTML, PDF) with progress, the written path, or a clear error.
import type { ExportFormat, ExportResult } from '../../../../shared/report';
import type { ApiError } from '../../../../shared/result';

const labels: Record<ExportFormat, string> = { markdown: 'Markdown', html: 'HTML', pdf: 'PDF' };

export function ExportBar({ busy, onExport }: { busy: ExportFormat | null; onExport(format: ExportFormat): void }) {
  return (
    <div className="row" role="group" aria-label="Export the report">
      <span className="muted small">Export</span>
      {(Object.keys(labels) as ExportFormat[]).map((f) => (
        <button key={f} type="button" disabled={busy !== null} onClick={() => onExport(f)}>
          {busy === f ? `Exporting ${labels[f]}…` : labels[f]}
        </button>
      ))}
    </div>
  );
}

/**
 * The one confirmation of an export: a toast at the bottom of the window (visible however far the report is
 * scrolled) that names the file and offers to show it (desktop) or download it again (web shell). A failure takes
 * its place, so two messages about the same export never stack.
 */
export function ExportToast({
  result,
  error,
  onOpen,
  onReplace,
  onDismiss,
}: {
  result: ExportResult | null;
  error: ApiError | null;
  onOpen(result: ExportResult): void;
  /** Offered when the file already exists: export again, replacing it. */
  onReplace?: () => void;
  onDismiss(): void;
}) {
  if (!result && !error) return null;
  const cancelled = result !== null && result.path === null;
  return (
    <div className={`toast ${error ? 'toast-error' : ''}`} role={error ? 'alert' : 'status'} aria-label="Export">
      {error ? (
        <p>
          Export failed: {error.message}
          {error.code === 'conflict' && onReplace ? (
            <>
              {' '}
              <button type="button" onClick={onReplace}>
                Replace it
              </button>
            </>
          ) : null}
        </p>
      ) : cancelled ? (
        <p>{result.message}</p>
      ) : result ? (
        <p>
          Saved <strong className="toast-file">{result.fileName}</strong>
          {result.download ? ' (downloaded by your browser)' : ''}{' '}
          <button type="button" onClick={() => onOpen(result)}>
            {result.download ? 'Download again' : 'Show in folder'}
          </button>
        </p>
      ) : null}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
