// The one keyboard map: every shortcut Conn answers, where it acts, and what it does. Handlers ask `matches(e, id)`
// instead of testing keys themselves, the `?` dialog and the README are this table, and a unit test enumerates it to
// prove no key does two things at once. Rules: a key without Ctrl/Alt/Meta never acts while a text field has focus
// (it is typing); Esc leaves a text field.

/**
 * Where a binding acts. `field` is the note box; `note` / `entry` a focused note / timeline entry; `report` the report
 * tab.
 */
export type Scope = 'global' | 'work' | 'note' | 'timeline' | 'entry' | 'field' | 'report';

export interface Binding {
  id: string;
  /** Like "Shift+P", "Alt+S", "Ctrl+K", "?", "Esc", "ArrowUp". Letters are upper case; Shift only where it matters. */
  keys: readonly string[];
  scope: Scope;
  /** Acts while a text field has focus (only ever with Ctrl or Alt, or keys a field has no use for). */
  inFields: boolean;
  does: string;
}

const b = (id: string, keys: string | string[], scope: Scope, does: string, inFields = false): Binding => ({
  id,
  keys: Array.isArray(keys) ? keys : [keys],
  scope,
  inFields,
  does,
});
const digits = (mod: string, n: number) => Array.from({ length: n }, (_, i) => `${mod}+${i + 1}`);

export const keymap = [
  // Anywhere
  b('help', '?', 'global', 'Show this keyboard map'),
  b('search', ['Ctrl+K', '/'], 'global', 'Search every incident (/ outside text fields)'),
  b('declare', 'N', 'global', 'Declare an incident'),
  b('people', 'P', 'global', 'People roster'),
  b('roles', 'R', 'global', 'Edit the roles of this incident'),
  b('update', 'U', 'global', 'Status update for this incident'),
  b('outbox', 'Shift+O', 'global', 'Outbox'),
  b('back', 'Esc', 'global', 'Back to incidents; in a text field: leave the field', true),
  b('incident.step', ['Alt+ArrowUp', 'Alt+ArrowDown'], 'global', 'Previous / next incident', true),
  b('incident.pick', digits('Ctrl', 9), 'global', 'Open incident 1…9 of the list', true),
  b('incident.pickAlt', digits('Alt', 9), 'global', 'Open incident 1…9 (outside text fields)'),
  b('handoff', 'Ctrl+Shift+H', 'global', 'Hand off command', true),
  b('notes.focus', 'Alt+N', 'global', 'Go to the note box', true),
  // Work view: the checklist's current step
  b('step.complete', 'C', 'work', 'Complete the step'),
  b('step.skip', 'S', 'work', 'Skip the step (asks why)'),
  b('step.block', 'B', 'work', 'Mark the step blocked (asks why)'),
  b('step.reopen', 'O', 'work', 'Reopen the step'),
  b('step.action', 'A', 'work', "Run the step's action"),
  b('step.next', ['J', 'ArrowDown'], 'work', 'Next step'),
  b('step.prev', ['K', 'ArrowUp'], 'work', 'Previous step'),
  // A focused note
  b('note.pin', 'Shift+P', 'note', 'Pin or unpin the note'),
  b('note.edit', 'E', 'note', 'Edit the note'),
  b('note.history', 'H', 'note', "Show the note's earlier versions"),
  // The note box
  b('note.save', 'Enter', 'field', 'Save the note (Shift+Enter: new line)', true),
  b(
    'note.kind',
    digits('Alt', 6),
    'field',
    'Kind of the next note: note, finding, action taken, decision, command, status',
    true,
  ),
  b('note.pinLatest', 'Alt+P', 'field', 'Pin the latest note', true),
  b('note.shareSlack', 'Alt+S', 'field', 'Share the next note to Slack (toggle)', true),
  b('note.sharePagerduty', 'Alt+D', 'field', 'Share the next note to PagerDuty (toggle)', true),
  // A focused timeline entry
  b('entry.inReport', 'I', 'entry', 'Include in / leave out of the report'),
  b('entry.summary', 'S', 'entry', 'One-line summary for the report'),
  // The report tab
  b('report.publish', 'Shift+G', 'report', 'Publish the report by pull request (again after edits)'),
] as const satisfies readonly Binding[];

export type BindingId = (typeof keymap)[number]['id'];
const byId = new Map<string, Binding>(keymap.map((k) => [k.id, k]));

/** Which scopes can be live at the same moment, and whether a text field has focus then. */
export const contexts: ReadonlyArray<{ name: string; scopes: readonly Scope[]; typing: boolean }> = [
  { name: 'incidents list', scopes: ['global'], typing: false },
  { name: 'work view', scopes: ['global', 'work'], typing: false },
  { name: 'work view, a note focused', scopes: ['global', 'work', 'note'], typing: false },
  { name: 'work view, typing a note', scopes: ['global', 'work', 'note', 'field'], typing: true },
  { name: 'timeline', scopes: ['global', 'timeline'], typing: false },
  { name: 'timeline, an entry focused', scopes: ['global', 'timeline', 'entry'], typing: false },
  { name: 'any text field', scopes: ['global'], typing: true },
  // The report tab sits in the work view: its keys must not collide with the checklist's either.
  { name: 'report tab', scopes: ['global', 'work', 'report'], typing: false },
];

const NAMED: Record<string, string> = { Escape: 'Esc', ' ': 'Space' };

type KeyFields = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

// A keystroke reaches a dozen window listeners, each asking matches() about several bindings: what the key is and
// whether it was typed into a field are worked out once per event, not forty times (a measurable share of a key's
// cost while typing a note).
const keyOfEvent = new WeakMap<object, string>();
const typedInField = new WeakMap<object, boolean>();

/** The key press as the map writes it: "Shift+P", "Alt+S", "Ctrl+K", "?", "Esc". */
export function keyOf(e: KeyFields): string {
  const known = keyOfEvent.get(e);
  if (known !== undefined) return known;
  const key = keyOfNow(e);
  keyOfEvent.set(e, key);
  return key;
}

function keyOfNow(e: KeyFields): string {
  let key: string;
  // With Alt, e.key is a special character on some layouts (macOS): read letters and digits from the physical key.
  if (e.altKey && /^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (e.altKey && /^Digit\d$/.test(e.code)) key = e.code.slice(5);
  else key = NAMED[e.key] ?? (e.key.length === 1 ? e.key.toUpperCase() : e.key);
  const letter = /^[A-Z]$/.test(key);
  // Shift counts for letters and named keys; for symbols it is how "?" is typed, so it is part of the symbol.
  const shift = e.shiftKey && (letter || key.length > 1);
  return [(e.ctrlKey || e.metaKey) && 'Ctrl', shift && 'Shift', e.altKey && 'Alt', key].filter(Boolean).join('+');
}

/** Whether the event was typed into a text field. */
export function inTextField(e: Pick<KeyboardEvent, 'target'>): boolean {
  const known = typedInField.get(e);
  if (known !== undefined) return known;
  const typed = inTextFieldNow(e);
  typedInField.set(e, typed);
  return typed;
}

function inTextFieldNow(e: Pick<KeyboardEvent, 'target'>): boolean {
  const t = e.target;
  if (typeof HTMLElement === 'undefined' || !(t instanceof HTMLElement)) return false;
  if (t.closest('textarea, select, [contenteditable="true"], [contenteditable=""]')) return true;
  const input = t.closest('input');
  return input !== null && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(input.type);
}

const modalOpen = () => typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null;

/**
 * Whether the key press is the binding: the right keys, not typed into a text field unless the binding acts there,
 * and (for page shortcuts) no dialog open.
 */
export function matches(e: KeyboardEvent, id: BindingId, opts: { inDialog?: boolean } = {}): boolean {
  const binding = byId.get(id);
  if (!binding || !binding.keys.includes(keyOf(e))) return false;
  if (!binding.inFields && inTextField(e)) return false;
  if (!opts.inDialog && binding.id !== 'back' && binding.scope !== 'field' && modalOpen()) return false;
  return true;
}

/** For the `?` dialog and the README: the map grouped by where it acts. */
export const scopeTitles: Record<Scope, string> = {
  global: 'Anywhere',
  work: 'Work view (the current checklist step)',
  note: 'A focused note',
  field: 'In the note box',
  timeline: 'Timeline',
  entry: 'A focused timeline entry',
  report: 'The report tab',
};
