// A shortcut that works from anywhere in the window: one keydown listener for the component's lifetime, always
// calling the latest handler (so callers need no dependency lists).
import { useEffect, useRef } from 'react';

export function useWindowKey(onKey: (e: KeyboardEvent) => void): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => latest.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
