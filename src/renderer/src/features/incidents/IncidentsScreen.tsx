// The incidents screen: the list on the left, declare form or the selected incident on the right.
import { useEffect, useState } from 'react';
import { useIncidents } from './store';
import { IncidentList } from './IncidentList';
import { DeclareForm } from './DeclareForm';
import { IncidentView } from './IncidentView';

export function IncidentsScreen() {
  const { items, loading, error, selectedId, declaring, declareError, load, declare, select } = useIncidents();
  const [showDeclare, setShowDeclare] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]');
      if (!typing && (e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setShowDeclare(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const selected = items.find((i) => i.id === selectedId) ?? null;

  return (
    <div className="incidents-screen">
      <aside className="sidebar">
        <div className="sidebar-head">
          <h2>Incidents</h2>
          <button type="button" className="primary" onClick={() => setShowDeclare(true)}>
            Declare <kbd>N</kbd>
          </button>
        </div>
        {loading && items.length === 0 ? <p className="muted">Loading…</p> : null}
        {error ? (
          <p role="alert" className="error">
            Could not load incidents: {error.message}
          </p>
        ) : null}
        <IncidentList items={items} selectedId={selectedId} onSelect={(id) => select(id)} />
      </aside>
      <main className="detail">
        {showDeclare ? (
          <DeclareForm
            busy={declaring}
            error={declareError}
            onCancel={() => setShowDeclare(false)}
            onDeclare={async (input) => {
              const created = await declare(input);
              if (created) setShowDeclare(false);
              return created !== null;
            }}
          />
        ) : selected ? (
          <IncidentView incident={selected} />
        ) : (
          <p className="empty">Select an incident, or press <kbd>N</kbd> to declare one.</p>
        )}
      </main>
    </div>
  );
}
