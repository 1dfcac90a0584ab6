// Focus for dialogs: while one is open, Tab and Shift+Tab cycle inside it (never to the page behind); on open the
// focus moves in unless something inside already took it; on close it returns to where it was before.
import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

export function focusablesIn(el: HTMLElement): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (n) => !n.closest('[inert], [hidden]') && n.getClientRects().length > 0,
  );
}

export function useFocusTrap(ref: RefObject<HTMLElement | null>, active: boolean): void {
  // Where focus was when the dialog opened, read while rendering: an autofocused field inside takes focus before
  // any effect runs.
  const before = useRef<HTMLElement | null>(null);
  const wasActive = useRef(false);
  if (active && !wasActive.current)
    before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  wasActive.current = active;

  useEffect(() => {
    const el = ref.current;
    if (!active || !el) return;
    const previous = before.current;
    if (!el.contains(document.activeElement))
      (el.querySelector<HTMLElement>('[autofocus]') ?? focusablesIn(el)[0] ?? el).focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab' || e.defaultPrevented) return;
      const list = focusablesIn(el);
      const first = list[0];
      const last = list[list.length - 1];
      const at = document.activeElement;
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      if (e.shiftKey && (at === first || !el.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !el.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (previous?.isConnected) previous.focus();
    };
  }, [active, ref]);
}
