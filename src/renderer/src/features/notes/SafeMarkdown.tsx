// Renders user markdown inert: raw HTML skipped, images shown as text, only http(s) links, opened in a new window.
import { memo, type ReactNode } from 'react';
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

export const SafeMarkdown = memo(function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="md">
      <Markdown
        skipHtml
        urlTransform={(url) => safeHref(url) ?? ''}
        disallowedElements={['iframe', 'object', 'embed', 'script', 'style']}
        unwrapDisallowed
        components={{ a: Link, img: Image }}
      >
        {text}
      </Markdown>
    </div>
  );
});
