// Review status Draft → Reviewed → Closed (and back), with the warnings a change returns. Never blocks.
import { reportStatuses, reportStatusLabels, type ReportStatus, type ReportWarning } from '../../../../shared/report';

const allowed: Record<ReportStatus, readonly ReportStatus[]> = {
  draft: ['reviewed'],
  reviewed: ['closed', 'draft'],
  closed: ['draft', 'reviewed'],
};

interface Props {
  status: ReportStatus;
  pending: number;
  onSet(status: ReportStatus): Promise<boolean>;
}

export function ReviewStatus({ status, pending, onSet }: Props) {
  return (
    <div className="review">
      <div className="seg status-seg" role="group" aria-label="Review status">
        {reportStatuses.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={s === status}
            className={s === status ? 'on' : ''}
            disabled={s !== status && !allowed[status].includes(s)}
            onClick={() => s !== status && void onSet(s)}
          >
            {reportStatusLabels[s]}
          </button>
        ))}
      </div>
      {status === 'draft' && pending > 0 ? (
        <span className="muted small">
          {pending} thing{pending === 1 ? '' : 's'} to look at before review
        </span>
      ) : null}
    </div>
  );
}

interface WarningsProps {
  warnings: { status: ReportStatus; list: ReportWarning[] } | null;
  onDismiss(): void;
}

export function ReviewWarnings({ warnings, onDismiss }: WarningsProps) {
  if (!warnings || warnings.list.length === 0) return null;
  return (
    <div className="warnings" role="status" aria-label="Review warnings">
      <div className="warnings-head">
        <strong>
          Marked {reportStatusLabels[warnings.status]}. Worth a look ({warnings.list.length}):
        </strong>
        <button type="button" className="quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <ul>
        {warnings.list.map((w, i) => (
          <li key={i} className={`warning w-${w.code}`}>
            {w.message}
            {w.excerpt ? (
              <div className="blame">
                <q>{w.excerpt}</q>
                {w.suggestion ? <div className="suggestion">Try: {w.suggestion}</div> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
