import { IncidentsScreen } from './features/incidents/IncidentsScreen';
import { TopbarPeople } from './features/people/TopbarPeople';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Conn</span>
        <span className="tagline">incident command</span>
        <TopbarPeople />
      </header>
      <IncidentsScreen />
    </div>
  );
}
