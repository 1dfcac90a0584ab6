// The incident list: status, commander, age and the next step of each, newest first.
import type { Incident } from '../../../../shared/domain';
import { usePeople } from '../people/store';
import { age, formatTime, localTitle } from '../../ui/time';
import { ReportBadge } from '../report/ReportBadge';

/** A resolved incident has no "Next:": what is left (ticket, report) is paperwork, shown in its checklist. */
const FINISHED = new Set(['resolved', 'report_in_review', 'closed']);

interface Props {
  items: Incident[];
  selectedId: string | null;
  onSelect(id: string): void;
}

export function IncidentList({ items, selectedId, onSelect }: Props) {
  const everyone = usePeople((s) => s.everyone);
  if (items.length === 0) {
    return (
      <p className="empty">
        No incidents yet. Press <kbd>N</kbd> to declare one.
      </p>
    );
  }
  return (
    <ul className="incident-list" aria-label="Incidents">
      {items.map((i, n) => (
        <li key={i.id}>
          <button
            type="button"
            className={i.id === selectedId ? 'incident-item selected' : 'incident-item'}
            aria-current={i.id === selectedId ? 'true' : undefined}
            title={n < 9 ? `Ctrl+${n + 1}` : undefined}
            onClick={() => onSelect(i.id)}
          >
            <span className="incident-title">{i.title}</span>
            <span className="incident-meta">
              <span className={`status status-${i.status}`}>{i.status.replace(/_/g, ' ')}</span>
              {i.hub ? <span className="hub">{i.hub}</span> : null}
              <ReportBadge incidentId={i.id} />
              <span className="commander">
                {i.commanderId ? `IC ${everyone[i.commanderId]?.name ?? '?'}` : 'no IC'}
              </span>
              <time dateTime={i.declaredAt} title={`${formatTime(i.declaredAt)} · ${localTitle(i.declaredAt)}`}>
                {age(i.declaredAt)}
              </time>
            </span>
            {i.nextStep && !FINISHED.has(i.status) ? (
              <span className="incident-next">Next: {i.nextStep.title}</span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
