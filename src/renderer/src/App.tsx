import { IncidentsScreen } from './features/incidents/IncidentsScreen';
import { RemindersHost } from './features/reminders/RemindersHost';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Conn</span>
        <span className="tagline">incident command</span>
      </header>
      <RemindersHost />
      <IncidentsScreen />
    </div>
  );
}
