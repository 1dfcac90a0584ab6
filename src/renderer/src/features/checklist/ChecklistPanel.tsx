// Placeholder for the guided checklist (issue 3); the owning feature replaces this file.
export function ChecklistPanel({ incidentId }: { incidentId: string }) {
  return (
    <section className="panel" aria-label="Checklist" data-incident={incidentId}>
      <h2>Checklist</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
