import { useEffect, useState } from 'react';
import { inTextField, matches } from './ui/keymap';
import { KeymapDialog } from './ui/KeymapDialog';
import { IncidentsScreen } from './features/incidents/IncidentsScreen';
import { TopbarPeople } from './features/people/TopbarPeople';
import { OutboxIndicator } from './features/outbox/OutboxIndicator';
import { OutboxPanel } from './features/outbox/OutboxPanel';
import { NeedsYouBanner } from './features/outbox/NeedsYouBanner';
import { StreamStatus } from './features/connection/StreamStatus';
import { AccessEnded } from './features/connection/AccessEnded';
import { ConnectionsScreen } from './features/settings/ConnectionsScreen';
import { RegisterScreen } from './features/register/RegisterScreen';
import { RegistryScreen } from './features/hubs/RegistryScreen';
import { useIncidents } from './features/incidents/store';

type Screen = 'incidents' | 'register' | 'registry' | 'connections' | 'outbox';
const screenLabels = {
  incidents: 'Incidents',
  register: 'Register',
  registry: 'Hubs',
  connections: 'Connections',
} as const;
import { DebtBanner } from './features/report/DebtBanner';
import { RemindersHost } from './features/reminders/RemindersHost';
import { SearchOverlay } from './features/search/SearchOverlay';
import { TakeoverButton, TakeoverDialog } from './features/handoff/TakeoverDialog';

export function App() {
  const [screen, setScreen] = useState<Screen>('incidents');
  const [keys, setKeys] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (matches(e, 'back')) {
        // Esc leaves a text field (its text stays); a dialog's own Esc closes the dialog first.
        if (inTextField(e) && e.target instanceof HTMLElement) {
          if (!e.target.closest('[aria-modal="true"]')) e.target.blur();
        } else if (!document.querySelector('[aria-modal="true"]')) setScreen('incidents');
      } else if (matches(e, 'outbox'))
        setScreen('outbox'); // Shift+O: plain o reopens a checklist step
      else if (matches(e, 'help')) {
        e.preventDefault();
        setKeys(true);
      }
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
          {(['incidents', 'register', 'registry', 'connections'] as const).map((s) => (
            <button key={s} type="button" className={screen === s ? 'selected' : ''} onClick={() => setScreen(s)}>
              {screenLabels[s]}
            </button>
          ))}
        </nav>
        <TakeoverButton />
        <StreamStatus>
          <OutboxIndicator onOpen={() => setScreen('outbox')} onReconnect={() => setScreen('connections')} />
        </StreamStatus>
      </header>
      <AccessEnded />
      <NeedsYouBanner />
      <DebtBanner />
      <RemindersHost />
      {screen === 'incidents' ? (
        <IncidentsScreen />
      ) : (
        <main className="detail">
          {screen === 'connections' ? (
            <ConnectionsScreen />
          ) : screen === 'register' ? (
            <RegisterScreen
              onOpenIncident={(id) => {
                useIncidents.getState().select(id);
                setScreen('incidents');
              }}
            />
          ) : screen === 'registry' ? (
            <RegistryScreen />
          ) : (
            <OutboxPanel />
          )}
        </main>
      )}
      <SearchOverlay />
      <TakeoverDialog />
      {keys ? <KeymapDialog onClose={() => setKeys(false)} /> : null}
    </div>
  );
}
