// Placeholder for the report draft (issue 7); the owning feature replaces this file.
export function ReportPanel({ incidentId }: { incidentId: string }) {
  return (
    <section className="panel" aria-label="Report" data-incident={incidentId}>
      <h2>Report</h2>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
