// Opens the status-update composer for an incident; U does the same from anywhere but a text field.
import { matches } from '../../ui/keymap';
import { useWindowKey } from '../../ui/useWindowKey';
import { useUpdates } from './store';
import './updates.css';

export function StatusUpdateButton({ incidentId }: { incidentId: string }) {
  const open = useUpdates((s) => s.open);
  useWindowKey((e) => {
    if (matches(e, 'update')) {
      e.preventDefault();
      void open(incidentId);
    }
  });
  return (
    <button type="button" className="status-update-button" onClick={() => void open(incidentId)}>
      Status update <kbd>U</kbd>
    </button>
  );
}
