// The incidents screen: the list on the left, the selected incident on the right, the declare dialog on top.
import { keyOf, matches } from '../../ui/keymap';
import { useEffect, useState } from 'react';
import { useIncidents } from './store';
import { IncidentList } from './IncidentList';
import { DeclareDialog } from './DeclareDialog';
import { IncidentView } from './IncidentView';
import { useChecklist } from '../checklist/store';
import './incidents.css';

/** Runs the steps' actions in order, as A on each would; stops at the first that fails (its card shows why). */
async function runSteps(incidentId: string, stepIds: string[]): Promise<void> {
  await useChecklist.getState().load(incidentId);
  for (const stepId of stepIds) {
    if ((await useChecklist.getState().runAction(incidentId, stepId)) === false) return;
  }
}

export function IncidentsScreen() {
  const { items, loading, error, selectedId, declaring, declareError, load, declare, select, step } = useIncidents();
  const [showDeclare, setShowDeclare] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Switching incidents works even while typing: Alt+Up/Down, Ctrl+1..9 (Alt+1..9 where the browser takes Ctrl).
      // No dialog check up front: matches() asks whether one is open only once the key is one of these bindings, so
      // a typed letter costs no query over the whole page.
      if (matches(e, 'incident.step')) {
        e.preventDefault();
        step(e.key === 'ArrowUp' ? -1 : 1);
        return;
      }
      // Ctrl+1..9 also while typing; Alt+1..9 only outside text fields (in the note box Alt+1..6 picks the kind).
      if (matches(e, 'incident.pick') || matches(e, 'incident.pickAlt')) {
        const target = useIncidents.getState().items[Number(keyOf(e).slice(-1)) - 1];
        if (target) {
          e.preventDefault();
          select(target.id);
        }
        return;
      }
      if (matches(e, 'declare')) {
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
          <p className="empty">
            Select an incident, or press <kbd>N</kbd> to declare one.
          </p>
        )}
      </main>
      {showDeclare ? (
        <DeclareDialog
          busy={declaring}
          error={declareError}
          onCancel={() => setShowDeclare(false)}
          onDeclare={async (input, sendSteps) => {
            const created = await declare(input);
            if (created) {
              setShowDeclare(false);
              if (sendSteps.length) void runSteps(created.id, sendSteps);
            }
            return created !== null;
          }}
        />
      ) : null}
    </div>
  );
}
