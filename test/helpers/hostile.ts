// Hostile and malformed payloads for fuzzing every operation (RELIABILITY.md §4, §6 "Bad input").
import fc from 'fast-check';

/** Deeply nested JSON built as text (JSON.stringify itself would overflow the stack). */
const deepJson = (levels: number) => `{"nested": ${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;

/** Payloads no operation should accept: each carries an unknown key or a wrong type at the top. */
export function hostilePayloads(opts: { hugeBytes?: number } = {}): Array<{ name: string; json: string }> {
  const huge = 'A'.repeat(opts.hugeBytes ?? 10 * 1024 * 1024);
  return [
    { name: 'proto key', json: '{"__proto__": {"polluted": "yes"}}' },
    { name: 'constructor.prototype', json: '{"constructor": {"prototype": {"polluted": "yes"}}}' },
    {
      name: 'nested proto',
      json: '{"title": "x", "__proto__": {"polluted": "yes"}, "incidentId": {"__proto__": {"polluted": 1}}}',
    },
    { name: 'deep nesting', json: deepJson(3000) },
    { name: 'huge string in unknown key', json: JSON.stringify({ junk: huge }) },
    { name: 'number', json: '42' },
    { name: 'string', json: '"hello"' },
    { name: 'array', json: '[1, 2, 3]' },
    { name: 'null', json: 'null' },
    { name: 'boolean', json: 'true' },
    {
      name: 'wrong types everywhere',
      json: '{"title": 1, "incidentId": [], "body": {}, "kind": null, "text": 5, "id": true, "extra": 1}',
    },
  ];
}

/** Random JSON objects that always include a key no schema declares. */
export const randomHostileObject = fc
  .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 })
  .map((d) => ({ ...d, ['\u0000unknown-key']: 1 }));

export const protoSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
