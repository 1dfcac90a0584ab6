import type { Incident } from '../../../../shared/domain';
import { age, formatTime, localTitle } from '../../ui/time';
import { ReportBadge } from '../report/ReportBadge';

interface Props {
  items: Incident[];
  selectedId: string | null;
  onSelect(id: string): void;
}

export function IncidentList({ items, selectedId, onSelect }: Props) {
  if (items.length === 0) {
    return <p className="empty">No incidents yet. Press <kbd>N</kbd> to declare one.</p>;
  }
  return (
    <ul className="incident-list" aria-label="Incidents">
      {items.map((i) => (
        <li key={i.id}>
          <button
            type="button"
            className={i.id === selectedId ? 'incident-item selected' : 'incident-item'}
            aria-current={i.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(i.id)}
          >
            <span className="incident-title">{i.title}</span>
            <span className="incident-meta">
              <span className={`status status-${i.status}`}>{i.status.replace(/_/g, ' ')}</span>
              {i.hub ? <span className="hub">{i.hub}</span> : null}
              <ReportBadge incidentId={i.id} />
              <time dateTime={i.declaredAt} title={localTitle(i.declaredAt)}>
                {formatTime(i.declaredAt)} · {age(i.declaredAt)}
              </time>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
