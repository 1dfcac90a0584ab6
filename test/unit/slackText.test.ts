// Text sent to Slack: control sequences escaped, and long escaped text never split inside an entity.
import { describe, expect, it } from 'vitest';
import { escapeSlackText } from '../../src/main/core/outbox/vendors/slack';
import { charCount, splitText } from '../../src/main/core/outbox/vendors/textLimits';

describe('Slack text escaping', () => {
  it('escapes &, < and > so pasted mentions and links stay plain text', () => {
    expect(escapeSlackText('<!channel> rollback & retry > 3 <@U123|bob> <https://x.test|click>')).toBe(
      '&lt;!channel&gt; rollback &amp; retry &gt; 3 &lt;@U123|bob&gt; &lt;https://x.test|click&gt;',
    );
    expect(escapeSlackText('*bold* _it_ `code` ✅')).toBe('*bold* _it_ `code` ✅');
  });

  it('splits escaped text only between entities, within the limit', () => {
    const escaped = escapeSlackText('<&>'.repeat(3000));
    const parts = splitText(escaped, 4000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(charCount(p)).toBeLessThanOrEqual(4000);
      const text = p.replace(/\n_\(part \d+ of \d+\)_$/, '');
      expect(text).toMatch(/^(&lt;|&amp;|&gt;)+$/);
    }
    expect(parts.map((p) => p.replace(/\n_\(part \d+ of \d+\)_$/, '')).join('')).toBe(escaped);
  });

  it('leaves a lone ampersand alone when choosing where to cut', () => {
    const text = `${'a'.repeat(3990)} & b ${'c'.repeat(100)}`;
    const parts = splitText(text, 4000);
    expect(parts.every((p) => charCount(p) <= 4000)).toBe(true);
  });
});
