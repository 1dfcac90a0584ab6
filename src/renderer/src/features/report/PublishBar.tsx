// Publish the report by pull request: where it stands (not published, publishing, pull request open, merged), the
// Publish button (Shift+G), progress while its job runs, and errors in plain words. Without GitHub it says so and
// points at the local export.
import { useEffect } from 'react';
import type { ReportPublication } from '../../../../shared/publish';
import { matches } from '../../ui/keymap';
import { usePublish } from './publishStore';

const stateWords = (p: ReportPublication): string => {
  switch (p.state) {
    case 'not_published':
      return 'Not published';
    case 'publishing':
      return p.jobState === 'uncertain' || p.jobState === 'needs_you'
        ? 'Publishing: checking whether GitHub got it…'
        : 'Publishing…';
    case 'failed':
      return 'Publishing failed';
    case 'open':
      return `Pull request #${p.pullNumber ?? '?'} open`;
    case 'merged':
      return 'Published (merged)';
  }
};

export function PublishBar({ incidentId }: { incidentId: string }) {
  const p = usePublish((s) => s.byIncident[incidentId]);
  const pressing = usePublish((s) => s.pressing === incidentId);
  const error = usePublish((s) => (s.error?.incidentId === incidentId ? s.error.error : null));
  const { load, publish, clearError } = usePublish();

  useEffect(() => {
    void load(incidentId);
  }, [incidentId, load]);

  const sentBefore = p ? p.publishedAt !== null || p.state === 'open' || p.state === 'merged' : false;
  const busy = pressing || p?.state === 'publishing';
  const press = () => {
    if (busy || !p) return;
    void publish(incidentId, sentBefore);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!matches(e, 'report.publish')) return;
      e.preventDefault();
      press();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!p) return null;
  const reason = (error?.details as { reason?: unknown } | undefined)?.reason;
  return (
    <div className="row publish-bar" role="group" aria-label="Publish the report">
      <span className="muted small" data-testid="publish-state">
        {p.connected ? stateWords(p) : 'GitHub is not connected'}
      </span>
      {p.pullUrl ? (
        <a href={p.link ?? p.pullUrl} target="_blank" rel="noreferrer" data-testid="publish-link">
          {p.state === 'merged' ? 'The published report' : `Pull request #${p.pullNumber}`}
        </a>
      ) : null}
      <button
        type="button"
        disabled={busy}
        onClick={press}
        title={p.connected ? `To ${p.repo ?? 'the reports repository'} (Shift+G)` : 'Connect GitHub first (Shift+G)'}
      >
        {pressing ? 'Exporting…' : busy ? 'Publishing…' : sentBefore ? 'Publish again' : 'Publish'} <kbd>Shift+G</kbd>
      </button>
      {error ? (
        <p role="alert" className="error">
          {reason === 'pending' ? 'The report is already being published; wait for it to finish.' : error.message}{' '}
          <button type="button" className="link" onClick={clearError}>
            Dismiss
          </button>
        </p>
      ) : p.state === 'failed' && p.error ? (
        <p role="alert" className="error">
          The last publish failed: {p.error} Fix it and publish again, or retry it in the outbox.
        </p>
      ) : null}
    </div>
  );
}
