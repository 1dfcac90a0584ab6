// Opens the handoff dialog for the incident on screen; Ctrl+Shift+H does the same from anywhere.
import { matches } from '../../ui/keymap';
import { useWindowKey } from '../../ui/useWindowKey';
import { useHandoff } from './store';
import './handoff.css';

export function HandoffButton({ incidentId }: { incidentId: string }) {
  const open = useHandoff((s) => s.open);
  useWindowKey((e) => {
    if (matches(e, 'handoff')) {
      e.preventDefault();
      void open(incidentId);
    }
  });
  return (
    <button type="button" className="handoff-button" onClick={() => void open(incidentId)}>
      Hand off <kbd>Ctrl+Shift+H</kbd>
    </button>
  );
}
