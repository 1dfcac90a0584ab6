// Template filling: known placeholders filled, unknown ones reported and kept, missing values reported.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../src/main/core/updates/fillTemplate';
import { templateValues, type SessionFacts } from '../../../src/main/core/updates/sessionFacts';
import { fileTemplates, findTemplatesDir } from '../../../src/main/core/updates/templates';
import { placeholderNames, placeholdersIn, updateTemplates } from '../../../src/shared/reminders';

describe('fillTemplate', () => {
  it('fills known placeholders, with or without spaces inside the braces', () => {
    const r = fillTemplate('Hub {{hub}} — {{ title }}', { hub: 'uw', title: 'down' });
    expect(r).toEqual({ text: 'Hub uw — down', unknownPlaceholders: [], missing: [] });
  });

  it('reports an unknown placeholder and leaves it visible', () => {
    const r = fillTemplate('Dear {{customer_name}}, {{title}} {{customer_name}}', { title: 'x' });
    expect(r.unknownPlaceholders).toEqual(['customer_name']);
    expect(r.text).toBe('Dear {{customer_name}}, x {{customer_name}}');
  });

  it('reports missing values (null, undefined, blank) and keeps {{name}} for the writer to fill', () => {
    const r = fillTemplate('{{title}} / {{current_state}} / {{next_steps}} / {{commander}}', {
      title: 'T',
      current_state: null,
      next_steps: '   ',
    });
    expect(r.missing).toEqual(['current_state', 'next_steps', 'commander']);
    expect(r.text).toBe('T / {{current_state}} / {{next_steps}} / {{commander}}');
  });

  it('does not treat inherited object keys as values', () => {
    const r = fillTemplate('{{constructor}} {{title}}', {});
    expect(r.unknownPlaceholders).toEqual(['constructor']);
    expect(r.missing).toEqual(['title']);
  });

  it('substitutes values literally (no $& surprises from String.replace)', () => {
    expect(fillTemplate('{{title}}', { title: 'cost $& and $1' }).text).toBe('cost $& and $1');
  });
});

describe('built-in templates', () => {
  it('exist for first response, update and resolved, and use only known placeholders', () => {
    const dir = findTemplatesDir();
    expect(dir).not.toBeNull();
    const store = fileTemplates(dir);
    for (const name of updateTemplates) {
      const text = store.get(name);
      expect(text.length, name).toBeGreaterThan(100);
      for (const p of placeholdersIn(text)) expect(placeholderNames, `${name}: {{${p}}}`).toContain(p);
      expect(readFileSync(`${dir}/${name}.md`, 'utf8')).toBe(text);
    }
  });

  it('fill completely from a full session', () => {
    const facts: SessionFacts = {
      incidentId: 'i',
      title: 'Servers will not start',
      hub: 'uw-hub',
      status: 'active',
      currentState: 'New servers start again; old ones are being restarted.',
      whatWasTried: ['Restarted the hub pod', 'Raised the node pool quota'],
      nextSteps: ['Watch start times for an hour (Ana)'],
      nextUpdateAt: Date.parse('2026-11-26T15:00:00Z'),
      incidentUrl: 'https://example.pagerduty.com/incidents/P1',
      ticketUrl: 'https://example.freshdesk.com/a/tickets/9',
      commander: 'Sam',
      timeZone: 'UTC',
    };
    const store = fileTemplates();
    const update = fillTemplate(store.get('update'), templateValues(facts));
    expect(update.missing).toEqual([]);
    expect(update.unknownPlaceholders).toEqual([]);
    expect(update.text).toContain('- Restarted the hub pod\n- Raised the node pool quota');
    expect(update.text).toContain('by 15:00 UTC');
    expect(placeholdersIn(update.text)).toEqual([]);
  });
});
