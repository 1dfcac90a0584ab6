import { IncidentsScreen } from './features/incidents/IncidentsScreen';
import { SearchOverlay } from './features/search/SearchOverlay';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Conn</span>
        <span className="tagline">incident command</span>
      </header>
      <IncidentsScreen />
      <SearchOverlay />
    </div>
  );
}
