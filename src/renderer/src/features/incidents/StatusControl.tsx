// The incident's status as a picker: forward moves directly, earlier statuses reopen.
import { incidentStatuses, type Incident } from '../../../../shared/domain';
import { useIncidents } from './store';

export function StatusControl({ incident }: { incident: Incident }) {
  const setStatus = useIncidents((s) => s.setStatus);
  const error = useIncidents((s) => s.statusError);
  const at = incidentStatuses.indexOf(incident.status);
  return (
    <>
      <select
        aria-label="Status"
        className={`status-select status status-${incident.status}`}
        value={incident.status}
        onChange={(e) => {
          const next = incidentStatuses.find((s) => s === e.target.value);
          if (next) void setStatus(incident.id, next);
        }}
      >
        {incidentStatuses.map((s, i) => (
          <option key={s} value={s}>
            {i < at ? `reopen: ${s.replace(/_/g, ' ')}` : s.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="error">
          {' '}
          {error.message}
        </span>
      ) : null}
    </>
  );
}
