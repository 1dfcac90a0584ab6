// Opens the handoff dialog for the incident on screen; Ctrl+Shift+H does the same from anywhere.
import { useEffect } from 'react';
import { useHandoff } from './store';
import './handoff.css';

export function HandoffButton({ incidentId }: { incidentId: string }) {
  const open = useHandoff((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && (e.key === 'H' || e.key === 'h')) {
        e.preventDefault();
        void open(incidentId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incidentId, open]);
  return (
    <button type="button" className="handoff-button" onClick={() => void open(incidentId)}>
      Hand off <kbd>Ctrl+Shift+H</kbd>
    </button>
  );
}
