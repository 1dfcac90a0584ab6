// The top bar's way into the roster (P), and who "me" is at a glance. Loads the roster at start.
import { matches } from '../../ui/keymap';
import { useEffect, useState } from 'react';
import { PeopleDialog } from './PeopleDialog';
import { usePeople } from './store';

export function TopbarPeople() {
  const load = usePeople((s) => s.load);
  const me = usePeople((s) => (s.meId ? s.everyone[s.meId] : undefined));
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, 'people')) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <span className="muted" style={{ marginLeft: 'auto' }}>
        {me ? `Me: ${me.name}` : 'Who are you? Add yourself under People'}
      </span>
      <button type="button" onClick={() => setOpen(true)}>
        People <kbd>P</kbd>
      </button>
      {open ? <PeopleDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
