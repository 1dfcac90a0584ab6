// The report's timeline: read-only here, built from the timeline entries marked for the report.
import type { ReportTimelineLine } from '../../../../shared/report';

export function TimelineSection({
  title,
  lines,
  timezone,
}: {
  title: string;
  lines: ReportTimelineLine[];
  timezone: string;
}) {
  const days: Array<{ day: string; lines: ReportTimelineLine[] }> = [];
  for (const l of lines) {
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
      {lines.length === 0 ? (
        <p className="muted">
          No timeline entries are marked for the report yet. The section will say so in the export.
        </p>
      ) : (
        days.map((d) => (
          <div key={d.day} className="tl-day">
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
    </section>
  );
}
