// The report tab: header, sections with proposals, action items, timeline, review status, export and publish.
import { useEffect } from 'react';
import { ActionItems } from './ActionItems';
import { ExportBar, ExportToast } from './ExportBar';
import { PublishBar } from './PublishBar';
import { FindingsPanel } from './FindingsPanel';
import { HeaderFields } from './HeaderFields';
import { ReviewStatus, ReviewWarnings } from './ReviewStatus';
import { SectionEditor } from './SectionEditor';
import { TimelineSection } from './TimelineSection';
import { useReport } from './store';
import './report.css';

export function ReportPanel({ incidentId }: { incidentId: string }) {
  const view = useReport((s) => s.views[incidentId]);
  const { error, warnings, exporting, exported, exportError, lastExport, factCheck } = useReport();
  const {
    load,
    update,
    setStatus,
    addItem,
    updateItem,
    removeItem,
    issueText,
    createIssues,
    refreshIssues,
    exportAs,
    dismissWarnings,
    check,
    closeCheck,
  } = useReport();
  const { openExport, dismissExport } = useReport();
  const checked = factCheck?.incidentId === incidentId ? factCheck : null;

  useEffect(() => {
    void load(incidentId);
  }, [incidentId, load]);

  if (!view) {
    return (
      <section className="panel report" aria-label="Report">
        {error ? (
          <p role="alert" className="error">
            Could not load the report: {error.message}
          </p>
        ) : (
          <p className="muted">Loading the report…</p>
        )}
      </section>
    );
  }
  return (
    <section className="panel report" aria-label="Report">
      <div className="report-toolbar">
        <ReviewStatus
          status={view.header.status}
          pending={view.warnings.length}
          onSet={(s) => setStatus(incidentId, s)}
        />
        <button type="button" onClick={() => void check(incidentId)}>
          Check facts
        </button>
        <ExportBar busy={exporting} onExport={(f) => exportAs(incidentId, f)} />
        <PublishBar incidentId={incidentId} />
      </div>
      {checked ? (
        <FindingsPanel
          incidentId={incidentId}
          findings={checked.findings}
          checking={checked.findings === null}
          gated={checked.gated}
          onOverride={(reason) => setStatus(incidentId, 'reviewed', { reason })}
          onClose={closeCheck}
        />
      ) : null}
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
          <SectionEditor
            key={s.key}
            section={s}
            incidentId={incidentId}
            entries={[...view.citations, ...view.timeline]}
            onSave={(text) => update(incidentId, { [s.key]: text })}
          />
        ) : s.kind === 'actionItems' ? (
          <ActionItems
            key={s.key}
            title={s.title}
            items={view.actionItems}
            onAdd={(item) => addItem(incidentId, item)}
            onUpdate={(itemId, patch) => updateItem(incidentId, itemId, patch)}
            onRemove={(itemId) => removeItem(incidentId, itemId)}
            onIssueText={(itemId) => issueText(incidentId, itemId)}
            githubRepo={view.githubRepo}
            onCreateIssues={(itemIds) => createIssues(incidentId, itemIds)}
            onRefreshIssues={() => refreshIssues(incidentId)}
          />
        ) : (
          <TimelineSection
            key={s.key}
            incidentId={incidentId}
            title={s.title}
            lines={view.timeline}
            total={view.timelineTotal}
            hasAfter={view.timelineHasAfter}
            timezone={view.header.timezone}
          />
        ),
      )}
    </section>
  );
}
