// Renders user markdown inert: raw HTML skipped, images shown as text, only http(s) links, opened in a new window.
import { memo, type ReactElement, type ReactNode } from 'react';
import Markdown from 'react-markdown';

/** Keeps only absolute http(s) URLs; anything else (javascript:, data:, relative) yields no link at all. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function Link({ href, children }: { href?: string; children?: ReactNode }) {
  const safe = safeHref(href);
  if (!safe) return <span className="md-dead-link">{children}</span>;
  // The desktop shell routes new-window requests through its allow-list; noreferrer drops the opener too.
  return (
    <a href={safe} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

function Image({ alt }: { alt?: string }) {
  return <span className="md-image">[image{alt ? `: ${alt}` : ''}]</span>;
}

// Virtual rows unmount and mount again as the list scrolls or notes arrive; parsing markdown is the costly part of a
// row, so the rendered tree is kept per text (React elements are immutable and can be mounted again).
const CACHE_MAX = 400;
const rendered = new Map<string, ReactElement>();

export const SafeMarkdown = memo(function SafeMarkdown({ text }: { text: string }) {
  let el = rendered.get(text);
  if (el) {
    rendered.delete(text); // most recently used last
  } else {
    el = renderMarkdown(text);
    if (rendered.size >= CACHE_MAX) rendered.delete(rendered.keys().next().value!);
  }
  rendered.set(text, el);
  return el;
});

const options = {
  skipHtml: true,
  urlTransform: (url: string) => safeHref(url) ?? '',
  disallowedElements: ['iframe', 'object', 'embed', 'script', 'style'],
  unwrapDisallowed: true,
  components: { a: Link, img: Image },
};

/** Parses once: react-markdown's Markdown is a plain function of its options (no hooks), so its output can be kept. */
function renderMarkdown(text: string): ReactElement {
  return <div className="md">{Markdown({ ...options, children: text })}</div>;
}
