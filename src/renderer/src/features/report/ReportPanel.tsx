// The report tab: header, sections with proposals, action items, timeline, review status and export.
import { useEffect } from 'react';
import { ActionItems } from './ActionItems';
import { ExportBar, ExportToast } from './ExportBar';
import { HeaderFields } from './HeaderFields';
import { ReviewStatus, ReviewWarnings } from './ReviewStatus';
import { SectionEditor } from './SectionEditor';
import { TimelineSection } from './TimelineSection';
import { useReport } from './store';
import './report.css';

export function ReportPanel({ incidentId }: { incidentId: string }) {
  const view = useReport((s) => s.views[incidentId]);
  const { error, warnings, exporting, exported, exportError, lastExport } = useReport();
  const { load, update, setStatus, addItem, updateItem, removeItem, issueText, exportAs, dismissWarnings } = useReport();
  const { openExport, dismissExport } = useReport();

  useEffect(() => {
    void load(incidentId);
  }, [incidentId, load]);

  if (!view) {
    return (
      <section className="panel report" aria-label="Report">
        {error ? <p role="alert" className="error">Could not load the report: {error.message}</p> : <p className="muted">Loading the report…</p>}
      </section>
    );
  }
  return (
    <section className="panel report" aria-label="Report">
      <div className="report-toolbar">
        <ReviewStatus status={view.header.status} pending={view.warnings.length} onSet={(s) => setStatus(incidentId, s)} />
        <ExportBar busy={exporting} onExport={(f) => exportAs(incidentId, f)} />
      </div>
      <ReviewWarnings warnings={warnings?.incidentId === incidentId ? warnings : null} onDismiss={dismissWarnings} />
      <ExportToast
        result={exported}
        error={exportError}
        onOpen={(r) => void openExport(r)}
        onReplace={lastExport ? () => exportAs(incidentId, lastExport, true) : undefined}
        onDismiss={dismissExport}
      />
      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}
      <HeaderFields header={view.header} onSave={(patch) => update(incidentId, patch)} />
      {view.sections.map((s) =>
        s.kind === 'text' ? (
          <SectionEditor key={s.key} section={s} onSave={(text) => update(incidentId, { [s.key]: text })} />
        ) : s.kind === 'actionItems' ? (
          <ActionItems
            key={s.key}
            title={s.title}
            items={view.actionItems}
            onAdd={(item) => addItem(incidentId, item)}
            onUpdate={(itemId, patch) => updateItem(incidentId, itemId, patch)}
            onRemove={(itemId) => removeItem(incidentId, itemId)}
            onIssueText={(itemId) => issueText(incidentId, itemId)}
          />
        ) : (
          <TimelineSection key={s.key} title={s.title} lines={view.timeline} timezone={view.header.timezone} />
        ),
      )}
    </section>
  );
}
