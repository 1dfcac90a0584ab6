// The one keyboard map: no key does two things at once, single keys never act while typing, and the handlers read
// the keys from the map.
import { describe, expect, it } from 'vitest';
import { contexts, keymap, keyOf } from '../../src/renderer/src/ui/keymap';

const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean; code: string }> = {},
) => keyOf({ key, code: mods.code ?? '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('keyboard map', () => {
  it('no key does two things in any moment the app can be in', () => {
    const collisions: string[] = [];
    for (const ctx of contexts) {
      const live = keymap.filter((b) => ctx.scopes.includes(b.scope) && (!ctx.typing || b.inFields));
      const seen = new Map<string, string>();
      for (const b of live) {
        for (const k of b.keys) {
          const other = seen.get(k);
          if (other && other !== b.id) collisions.push(`${ctx.name}: ${k} is both ${other} and ${b.id}`);
          seen.set(k, b.id);
        }
      }
    }
    expect(collisions).toEqual([]);
  });

  const singleKeysNoCtrl =
    'single keys (no Ctrl or Alt) never act while a text field has focus, except Esc and Enter in the note box';
  it(singleKeysNoCtrl, () => {
    const typingSingles = keymap
      .filter((b) => b.inFields)
      .flatMap((b) => b.keys.filter((k) => !/^(Ctrl|Alt)\+/.test(k)).map((k) => `${b.id}: ${k}`));
    expect(typingSingles).toEqual(['back: Esc', 'note.save: Enter']);
  });

  it('the issue 17 collisions are gone: pin is Shift+P, In report is I', () => {
    const keysOf = (id: string) => keymap.find((b) => b.id === id)!.keys;
    expect(keysOf('note.pin')).toEqual(['Shift+P']);
    expect(keysOf('entry.inReport')).toEqual(['I']);
    expect(keysOf('people')).toEqual(['P']);
    expect(keysOf('roles')).toEqual(['R']);
    expect(keysOf('note.shareSlack')).toEqual(['Alt+S']);
    expect(keysOf('note.sharePagerduty')).toEqual(['Alt+D']);
    expect(keysOf('help')).toEqual(['?']);
  });

  it('a detector that would miss a collision is caught: adding R to the timeline entry collides with roles', () => {
    const bad = [...keymap, { id: 'entry.bad', keys: ['R'], scope: 'entry', inFields: false, does: 'x' }];
    const ctx = contexts.find((c) => c.name === 'timeline, an entry focused')!;
    const live = bad.filter((b) => ctx.scopes.includes(b.scope as never) && !ctx.typing);
    expect(live.filter((b) => b.keys.includes('R' as never)).map((b) => b.id)).toEqual(['roles', 'entry.bad']);
  });

  it('writes key presses the way the map does', () => {
    expect(press('p')).toBe('P');
    expect(press('P', { shiftKey: true })).toBe('Shift+P');
    expect(press('?', { shiftKey: true })).toBe('?');
    expect(press('Escape')).toBe('Esc');
    expect(press('k', { ctrlKey: true })).toBe('Ctrl+K');
    expect(press('ß', { altKey: true, code: 'KeyS' })).toBe('Alt+S');
    expect(press('¡', { altKey: true, code: 'Digit1' })).toBe('Alt+1');
    expect(press('H', { ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+H');
    expect(press('ArrowUp', { altKey: true })).toBe('Alt+ArrowUp');
  });
});
