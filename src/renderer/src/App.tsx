import { IncidentsScreen } from './features/incidents/IncidentsScreen';
import { DebtBanner } from './features/report/DebtBanner';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Conn</span>
        <span className="tagline">incident command</span>
      </header>
      <DebtBanner />
      <IncidentsScreen />
    </div>
  );
}
