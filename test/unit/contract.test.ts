import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { events, operations } from '../../src/shared/contract';
import { eventNames, opNames } from '../../src/shared/opNames';

describe('the contract', () => {
  it('lists exactly the same operations for the preload as the contract defines', () => {
    expect([...opNames].sort()).toEqual(Object.keys(operations).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('names operations domain.verb and events domain.pastTense', () => {
    for (const name of Object.keys(operations)) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*ed$/);
  });

  it('gives every operation a summary and an input schema that converts to JSON Schema', () => {
    for (const [name, spec] of Object.entries(operations)) {
      expect(spec.summary.length, name).toBeGreaterThan(10);
      const schema = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' });
      expect(typeof schema, name).toBe('object');
    }
  });

  it('refuses NUL and lone surrogates but keeps emoji, bidi controls and combining marks', () => {
    const declare = operations['incidents.declare'].input;
    expect(declare.safeParse({ title: 'a\u0000b' }).success).toBe(false);
    expect(declare.safeParse({ title: 'broken \uD800 text' }).success).toBe(false);
    const tricky = 'Hub 🔥 down \u202Eevil\u202C e\u0301';
    const parsed = declare.parse({ title: tricky });
    expect(parsed.title).toBe(tricky);
  });

  it('rejects unknown keys instead of silently dropping them', () => {
    const r = operations['incidents.declare'].input.safeParse({ title: 'x', __proto__: { admin: true }, extra: 1 });
    expect(r.success).toBe(false);
  });
});
