// The timeline tab: everything that happened in original time order, filtered by source and kind, virtualised.
import { sourceLabel, timelineKindLabel } from '../../../../shared/labels';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { timelineSources, type TimelineSource } from '../../../../shared/domain';
import { noteKinds } from '../../../../shared/notes';
import { useNavigation } from '../search/navigation';
import { TimelineRow } from './TimelineRow';
import { useGitHubItems } from './githubStore';
import { useTimeline } from './store';
import '../notes/notes.css';
import './timeline.css';

const NEAR_EDGE_PX = 400;
const extraKinds = ['declared', 'message', 'log'];
const NONE: ReturnType<typeof useTimeline.getState>['items'] = [];

const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

export function TimelinePanel({ incidentId }: { incidentId: string }) {
  const s = useTimeline(
    useShallow((st) => ({
      items: st.items,
      timeZone: st.timeZone,
      sources: st.sources,
      kinds: st.kinds,
      loading: st.loading,
      error: st.error,
      focus: st.focus,
      hasAfter: st.hasAfter,
      current: st.incidentId,
    })),
  );
  const actions = useTimeline.getState();
  const target = useNavigation((n) => n.target);
  const scrollRef = useRef<HTMLDivElement>(null);

  const aroundEntry = target && target.incidentId === incidentId && target.tab === 'timeline' ? target.entryId : null;
  const targetSeq = target?.seq ?? 0;
  useEffect(() => {
    void useTimeline.getState().open(incidentId, aroundEntry);
  }, [incidentId, aroundEntry, targetSeq]);

  const gh = useGitHubItems((st) => st.byIncident[incidentId]);
  const checking = useGitHubItems((st) => st.checking);
  useEffect(() => {
    void useGitHubItems.getState().load(incidentId);
  }, [incidentId]);
  const github = useMemo(() => new Map((gh?.items ?? []).map((i) => [i.key, i])), [gh]);

  const items = s.current === incidentId ? s.items : NONE;
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 56,
    overscan: 10,
    getItemKey: (i) => items[i]!.id,
  });

  useEffect(() => {
    if (!s.focus) return;
    const idx = items.findIndex((e) => e.id === s.focus!.entryId);
    if (idx >= 0) v.scrollToIndex(idx, { align: 'center' });
  }, [s.focus, items, v]);

  const onScroll = useCallback(async () => {
    const el = scrollRef.current;
    if (!el) return;
    const st = useTimeline.getState();
    if (el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_EDGE_PX && st.hasAfter && !st.loading)
      await st.loadNewer();
    else if (el.scrollTop < NEAR_EDGE_PX / 2 && st.hasBefore && !st.loading) {
      const added = await st.loadOlder();
      if (added) v.scrollToIndex(added, { align: 'start' });
    }
  }, [v]);

  const kinds = [...noteKinds, ...extraKinds];
  return (
    <section className="panel timeline-panel" aria-label="Timeline" data-incident={incidentId}>
      <header className="tl-head">
        <h2>Timeline</h2>
        <span className="muted small">
          times in {s.timeZone} · hover for your local time · <kbd>S</kbd> summary · <kbd>I</kbd> in report
        </span>
        {gh?.connected && gh.items.length > 0 ? (
          <button
            type="button"
            className="mini"
            disabled={checking}
            title={
              gh.pausedUntil
                ? `GitHub's rate limit holds reads until ${new Date(gh.pausedUntil).toLocaleTimeString()}`
                : 'Read the linked GitHub issues and pull requests again now'
            }
            onClick={() => void useGitHubItems.getState().refresh(incidentId)}
          >
            {checking ? 'Checking GitHub…' : `Check GitHub now (${gh.items.length})`}
          </button>
        ) : null}
        {gh?.connected && gh.pausedUntil ? (
          <span className="muted small" role="status">
            GitHub&apos;s rate limit: next read at {new Date(gh.pausedUntil).toLocaleTimeString()}
          </span>
        ) : null}
      </header>
      <div className="tl-filters" role="group" aria-label="Filter by source">
        <span className="muted small">Source</span>
        {timelineSources.map((src: TimelineSource) => (
          <button
            key={src}
            type="button"
            className={s.sources.includes(src) ? 'chip on' : 'chip'}
            aria-pressed={s.sources.includes(src)}
            onClick={() => void actions.setFilter({ sources: toggle(s.sources, src) })}
          >
            {sourceLabel(src)}
          </button>
        ))}
      </div>
      <div className="tl-filters" role="group" aria-label="Filter by kind">
        <span className="muted small">Kind</span>
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            className={s.kinds.includes(k) ? 'chip on' : 'chip'}
            aria-pressed={s.kinds.includes(k)}
            onClick={() => void actions.setFilter({ kinds: toggle(s.kinds, k) })}
          >
            {timelineKindLabel(k)}
          </button>
        ))}
        {s.sources.length || s.kinds.length ? (
          <button type="button" className="linkish" onClick={() => void actions.setFilter({ sources: [], kinds: [] })}>
            clear filters
          </button>
        ) : null}
      </div>
      {s.error ? (
        <p role="alert" className="error">
          {s.error.message}
        </p>
      ) : null}
      <div className="tl-scroll" ref={scrollRef} onScroll={() => void onScroll()} role="feed" aria-busy={s.loading}>
        {items.length === 0 && !s.loading ? <p className="empty">Nothing matches these filters.</p> : null}
        <div className="notes-inner" style={{ height: v.getTotalSize() }}>
          {v.getVirtualItems().map((row) => {
            const entry = items[row.index]!;
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={v.measureElement}
                className="note-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <TimelineRow
                  entry={entry}
                  timeZone={s.timeZone}
                  highlighted={s.focus?.entryId === entry.id}
                  github={github}
                  onInReport={actions.setInReport}
                  onSummary={actions.setSummary}
                />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
