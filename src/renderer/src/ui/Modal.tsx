// A modal dialog: backdrop, Escape closes, focus stays inside while it is open.
import { useRef, type ReactNode } from 'react';
import { useFocusTrap } from './focusTrap';
import './modal.css';

interface Props {
  label: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

export function Modal({ label, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref, true);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        style={wide ? { width: 'min(900px, 94vw)' } : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

/** True when a key press should not trigger page shortcuts: typing, or a dialog is open. */
export function shortcutsBlocked(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey) return true;
  const t = e.target instanceof HTMLElement ? e.target : null;
  if (t?.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]')) return true;
  return document.querySelector('[aria-modal="true"]') !== null;
}
