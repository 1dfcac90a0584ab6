// Report text with its citations: each `[^e:<entryId>]` marker shows as a small numbered link that opens the entry
// on the timeline. Everything else renders as inert Markdown (raw HTML skipped, only http(s) links, no images).
import type { ReactNode } from 'react';
import Markdown from 'react-markdown';
import type { ReportTimelineLine } from '../../../../shared/report';
import { safeHref } from '../notes/SafeMarkdown';
import { useNavigation } from '../search/navigation';

const CITATION = /\[\^e:([A-Za-z0-9_-]{1,64})\]/g;
const CITE_HREF = '#cite-';

/** The text with markers turned into `[n](#cite-<id>)` links, numbered by first appearance in this text. */
export function linkCitations(text: string): string {
  const numbers = new Map<string, number>();
  return text.replace(CITATION, (_m, id: string) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    return ` [${numbers.get(id)}](${CITE_HREF}${id})`;
  });
}

interface Props {
  text: string;
  incidentId: string;
  /** Known entries, for each link's tooltip (the time and line of the entry it cites). */
  entries: readonly ReportTimelineLine[];
}

export function CitedMarkdown({ text, incidentId, entries }: Props) {
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  const open = (entryId: string) => useNavigation.getState().go({ incidentId, tab: 'timeline', noteId: null, entryId });
  function Link({ href, children }: { href?: string; children?: ReactNode }) {
    if (href?.startsWith(CITE_HREF)) {
      const entryId = href.slice(CITE_HREF.length);
      const entry = byId.get(entryId);
      const label = entry ? `${entry.time}: ${entry.text}` : 'an entry on the timeline';
      return (
        <button
          type="button"
          className="cite"
          title={label}
          aria-label={`Source: ${label}`}
          onClick={() => open(entryId)}
        >
          {children}
        </button>
      );
    }
    const safe = safeHref(href);
    if (!safe) return <span className="md-dead-link">{children}</span>;
    return (
      <a href={safe} target="_blank" rel="noreferrer">
        {children}
      </a>
    );
  }
  return (
    <div className="md">
      <Markdown
        skipHtml
        urlTransform={(url) => (url.startsWith(CITE_HREF) ? url : (safeHref(url) ?? ''))}
        disallowedElements={['iframe', 'object', 'embed', 'script', 'style', 'img']}
        unwrapDisallowed
        components={{ a: Link }}
      >
        {linkCitations(text.replace(/<!--[\s\S]*?-->/g, ''))}
      </Markdown>
    </div>
  );
}
