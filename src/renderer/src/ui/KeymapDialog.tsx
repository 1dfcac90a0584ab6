// "?": every shortcut, from the one keyboard map, grouped by where it acts.
import { keymap, scopeTitles, type Scope } from './keymap';
import { Modal } from './Modal';

/** A key as printed on it: arrows, not their event names (ArrowDown). */
const keyLabel = (key: string = '') =>
  key.replace('ArrowDown', '↓').replace('ArrowUp', '↑').replace('ArrowLeft', '←').replace('ArrowRight', '→');

const order: Scope[] = ['global', 'work', 'note', 'field', 'timeline', 'entry'];

export function KeymapDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose} wide>
      {/* Close sits in the head, as in the other dialogs: focused on open, it keeps the map's top in view (at the
          bottom, focusing it scrolled the title and the global keys away). */}
      <div className="modal-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={onClose} autoFocus>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <p className="muted small">Single keys act only when no text field has focus; Esc leaves a text field.</p>
      {order.map((scope) => {
        const rows = keymap.filter((k) => k.scope === scope);
        if (rows.length === 0) return null;
        return (
          <table key={scope} className="keymap">
            <caption>{scopeTitles[scope]}</caption>
            <tbody>
              {rows.map((k) => (
                <tr key={k.id}>
                  <th scope="row">
                    {(k.keys.length > 6 ? [k.keys[0], '…', k.keys.at(-1)!] : k.keys).map((key, i) => (
                      <kbd key={i}>{keyLabel(key)}</kbd>
                    ))}
                  </th>
                  <td>{k.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </Modal>
  );
}
