import { useEffect, useState } from 'react';
import { IncidentsScreen } from './features/incidents/IncidentsScreen';
import { TopbarPeople } from './features/people/TopbarPeople';
import { OutboxIndicator } from './features/outbox/OutboxIndicator';
import { OutboxPanel } from './features/outbox/OutboxPanel';
import { ConnectionsScreen } from './features/settings/ConnectionsScreen';
import { RegistryScreen } from './features/hubs/RegistryScreen';

type Screen = 'incidents' | 'connections' | 'registry' | 'outbox';
import { DebtBanner } from './features/report/DebtBanner';
import { RemindersHost } from './features/reminders/RemindersHost';
import { SearchOverlay } from './features/search/SearchOverlay';
import { TakeoverButton, TakeoverDialog } from './features/handoff/TakeoverDialog';

export function App() {
  const [screen, setScreen] = useState<Screen>('incidents');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]');
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') setScreen('incidents');
      else if (e.key === 'O') setScreen('outbox'); // Shift+O: plain o reopens a checklist step
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Conn</span>
        <span className="tagline">incident command</span>
        <TopbarPeople />
        <nav className="topnav" aria-label="Screens">
          {(['incidents', 'registry', 'connections'] as const).map((s) => (
            <button key={s} type="button" className={screen === s ? 'selected' : ''} onClick={() => setScreen(s)}>
              {s === 'incidents' ? 'Incidents' : s === 'registry' ? 'Registry' : 'Connections'}
            </button>
          ))}
        </nav>
        <TakeoverButton />
        <OutboxIndicator onOpen={() => setScreen('outbox')} onReconnect={() => setScreen('connections')} />
      </header>
      <DebtBanner />
      <RemindersHost />
      {screen === 'incidents' ? (
        <IncidentsScreen />
      ) : (
        <main className="detail">
          {screen === 'connections' ? <ConnectionsScreen /> : screen === 'registry' ? <RegistryScreen /> : <OutboxPanel />}
        </main>
      )}
      <SearchOverlay />
      <TakeoverDialog />
    </div>
  );
}
