// Placeholder for the timeline (issue 4); the owning feature replaces this file.
export function TimelinePanel({ incidentId }: { incidentId: string }) {
  return (
    <section className="panel" aria-label="Timeline" data-incident={incidentId}>
      <h2>Timeline</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
