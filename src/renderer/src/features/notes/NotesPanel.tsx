// Placeholder for the notes pane (issue 4); the owning feature replaces this file.
export function NotesPanel({ incidentId }: { incidentId: string }) {
  return (
    <section className="panel" aria-label="Notes" data-incident={incidentId}>
      <h2>Notes</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
