// One timeline entry: original time, source, kind, text, report inclusion and a one-line summary.
import { matches } from '../../ui/keymap';
import { sourceLabel, timelineKindLabel } from '../../../../shared/labels';
import { memo, useState } from 'react';
import type { TimelineEntry } from '../../../../shared/domain';
import type { GitHubItem } from '../../../../shared/githubLinks';
import { GitHubChips } from './GitHubChips';
import { formatClock } from '../notes/clock';
import { formatTime, localTitle } from '../../ui/time';

interface Props {
  entry: TimelineEntry;
  timeZone: string;
  highlighted: boolean;
  /** The linked GitHub items Conn has read, by key (none without a GitHub connection). */
  github?: ReadonlyMap<string, GitHubItem>;
  onInReport(entryId: string, inReport: boolean): void;
  onSummary(entryId: string, summary: string): Promise<boolean>;
}

export const TimelineRow = memo(function TimelineRow({
  entry,
  timeZone,
  highlighted,
  github,
  onInReport,
  onSummary,
}: Props) {
  const [summary, setSummary] = useState<string | null>(null);
  const save = async () => {
    if (summary !== null && (await onSummary(entry.id, summary))) setSummary(null);
  };
  return (
    <article
      className={`tl-entry${entry.inReport ? '' : ' excluded'}${highlighted ? ' highlighted' : ''}`}
      data-entry-id={entry.id}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        // I, not R: R edits the roles, anywhere.
        if (matches(e.nativeEvent, 'entry.summary')) {
          e.preventDefault();
          setSummary(entry.summary ?? '');
        } else if (matches(e.nativeEvent, 'entry.inReport')) {
          e.preventDefault();
          onInReport(entry.id, !entry.inReport);
        }
      }}
    >
      <time dateTime={entry.at} title={`${formatTime(entry.at, timeZone)} · ${localTitle(entry.at)}`}>
        {formatClock(entry.at, timeZone)}
      </time>
      <span className={`tl-source src-${entry.source}`}>{sourceLabel(entry.source)}</span>
      <span className={`kind-badge kind-${entry.kind}`}>{timelineKindLabel(entry.kind)}</span>
      <div className="tl-body">
        {summary !== null ? (
          <input
            aria-label="Summary for the report"
            value={summary}
            autoFocus
            maxLength={300}
            placeholder="One line for the report"
            onChange={(e) => setSummary(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
              else if (e.key === 'Escape') setSummary(null);
            }}
            onBlur={() => void save()}
          />
        ) : entry.summary ? (
          <button
            type="button"
            className="tl-summary linkish"
            title="Edit summary (S)"
            onClick={() => setSummary(entry.summary ?? '')}
          >
            {entry.summary}
          </button>
        ) : null}
        <p className="tl-text">{entry.body.length > 600 ? `${entry.body.slice(0, 600)}…` : entry.body}</p>
        <GitHubChips body={entry.body} items={github} />
      </div>
      <span className="tl-actions">
        {summary === null && !entry.summary ? (
          <button type="button" className="mini" title="Add a one-line summary (S)" onClick={() => setSummary('')}>
            Summary
          </button>
        ) : null}
        <label className="share-toggle" title="Include in the report (I)">
          <input type="checkbox" checked={entry.inReport} onChange={() => onInReport(entry.id, !entry.inReport)} /> In
          report
        </label>
      </span>
    </article>
  );
});
