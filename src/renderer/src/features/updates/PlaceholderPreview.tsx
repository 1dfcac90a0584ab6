// Shows the update text with every {{placeholder}} still in it highlighted, unknown ones in red.
import { PLACEHOLDER_PATTERN } from '../../../../shared/reminders';

export function PlaceholderPreview({ text, unknown }: { text: string; unknown: string[] }) {
  const parts: Array<{ text: string; name?: string }> = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[0], name: (m[1] ?? '').trim() });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return (
    <pre className="update-preview" aria-label="Preview" tabIndex={0}>
      {parts.map((p, i) =>
        p.name === undefined ? (
          <span key={i}>{p.text}</span>
        ) : (
          <mark key={i} className={unknown.includes(p.name) ? 'ph-unknown' : 'ph-missing'}>
            {p.text}
          </mark>
        ),
      )}
    </pre>
  );
}
