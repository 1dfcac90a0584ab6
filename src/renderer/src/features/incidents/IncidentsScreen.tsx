// The incidents screen: the list on the left, the selected incident on the right, the declare dialog on top.
import { useEffect, useState } from 'react';
import { useIncidents } from './store';
import { IncidentList } from './IncidentList';
import { DeclareDialog } from './DeclareDialog';
import { IncidentView } from './IncidentView';
import { shortcutsBlocked } from '../../ui/Modal';
import './incidents.css';

// Only asked once a key is one of ours: a query over the whole page on every keystroke slows typing.
const modalOpen = () => document.querySelector('[aria-modal="true"]') !== null;

export function IncidentsScreen() {
  const { items, loading, error, selectedId, declaring, declareError, load, declare, select, step } = useIncidents();
  const [showDeclare, setShowDeclare] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Switching incidents works even while typing: Alt+Up/Down, Ctrl+1..9 (Alt+1..9 where the browser takes Ctrl).
      const ours = (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) || ((e.ctrlKey || e.altKey) && /^[1-9]$/.test(e.key)) || e.key === 'n' || e.key === 'N';
      if (!ours || modalOpen()) return;
      if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        e.preventDefault();
        step(e.key === 'ArrowUp' ? -1 : 1);
        return;
      }
      if ((e.ctrlKey || e.altKey) && /^[1-9]$/.test(e.key)) {
        const target = useIncidents.getState().items[Number(e.key) - 1];
        if (target) {
          e.preventDefault();
          select(target.id);
        }
        return;
      }
      if (!shortcutsBlocked(e) && !e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        setShowDeclare(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select, step]);

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
        {selected ? (
          <IncidentView key={selected.id} incident={selected} />
        ) : (
          <p className="empty">Select an incident, or press <kbd>N</kbd> to declare one.</p>
        )}
      </main>
      {showDeclare ? (
        <DeclareDialog
          busy={declaring}
          error={declareError}
          onCancel={() => setShowDeclare(false)}
          onDeclare={async (input) => {
            const created = await declare(input);
            if (created) setShowDeclare(false);
            return created !== null;
          }}
        />
      ) : null}
    </div>
  );
}
