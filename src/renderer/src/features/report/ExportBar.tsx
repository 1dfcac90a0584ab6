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

export function ExportOutcome({
  result,
  error,
  onReplace,
}: {
  result: ExportResult | null;
  error: ApiError | null;
  /** Offered when the file already exists: export again, replacing it. */
  onReplace?: () => void;
}) {
  return (
    <>
      {result ? (
        <p className="export-result" role="status">
          {result.message}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
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
      ) : null}
    </>
  );
}
