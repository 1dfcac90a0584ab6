// The report's timeline: read-only here, built from the timeline entries marked for the report. The report view
// carries its first page; further pages load on request (a long incident's timeline is never loaded whole).
import { useEffect, useRef, useState } from 'react';
import type { ReportTimelineLine } from '../../../../shared/report';
import { extendWindow, type PagedWindow } from '../../ui/paging';
import { useReport } from './store';

type Line = ReportTimelineLine & { id: string };
const withId = (l: ReportTimelineLine): Line => ({ ...l, id: l.entryId });

export function TimelineSection({
  incidentId,
  title,
  lines,
  total,
  hasAfter,
  timezone,
}: {
  incidentId: string;
  title: string;
  lines: ReportTimelineLine[];
  total: number;
  hasAfter: boolean;
  timezone: string;
}) {
  const timelinePage = useReport((s) => s.timelinePage);
  const fresh = (): PagedWindow<Line> => ({
    incidentId,
    items: lines.map(withId),
    hasBefore: false,
    hasAfter,
    loading: false,
    error: null,
  });
  const [win, setWin] = useState(fresh);
  const ref = useRef(win);
  // A report view whose first page reads differently (the timeline changed) starts again from that page; a reload
  // for a section edit leaves the pages already shown in place.
  const firstPage = `${incidentId}|${hasAfter}|${lines.map((l) => `${l.cursor} ${l.text}`).join('\n')}`;
  useEffect(() => {
    const next = fresh();
    ref.current = next;
    setWin(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstPage]);
  const more = () =>
    void extendWindow<Line>(
      'after',
      () => ref.current,
      (patch) => {
        ref.current = { ...ref.current, ...patch };
        setWin(ref.current);
      },
      async (id, cursor) => {
        const res = await timelinePage(id, cursor);
        return res.ok ? { ok: true, value: { ...res.value, items: res.value.items.map(withId) } } : res;
      },
    );

  const days: Array<{ day: string; lines: Line[] }> = [];
  for (const l of win.items) {
    const last = days.at(-1);
    if (last && last.day === l.day) last.lines.push(l);
    else days.push({ day: l.day, lines: [l] });
  }
  return (
    <section className="report-section" aria-labelledby="section-timeline">
      <div className="section-head">
        <h3 id="section-timeline">{title}</h3>
        <span className="muted small">Times in {timezone}. Choose entries and summaries in the Timeline tab.</span>
      </div>
      {win.items.length === 0 ? (
        <p className="muted">
          No timeline entries are marked for the report yet. The section will say so in the export.
        </p>
      ) : (
        days.map((d, i) => (
          <div key={`${i}-${d.day}`} className="tl-day">
            <h4>{d.day}</h4>
            <ol className="tl-lines">
              {d.lines.map((l) => (
                <li key={l.entryId}>
                  <time dateTime={l.at}>{l.time.slice(11)}</time> <span>{l.text}</span>
                </li>
              ))}
            </ol>
          </div>
        ))
      )}
      {win.hasAfter ? (
        <p>
          <span className="muted small">
            Showing {win.items.length} of {total} entries (exports include them all).
          </span>{' '}
          <button type="button" onClick={more} disabled={win.loading}>
            {win.loading ? 'Loading…' : 'Show more'}
          </button>
        </p>
      ) : null}
      {win.error ? (
        <p role="alert" className="error">
          {win.error.message}
        </p>
      ) : null}
    </section>
  );
}
