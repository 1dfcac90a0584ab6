// One incident: the work view (checklist beside notes), the timeline, and the report, as tabs.
import { useEffect, useState } from 'react';
import type { Incident } from '../../../../shared/domain';
import { ChecklistPanel } from '../checklist/ChecklistPanel';
import { NotesPanel } from '../notes/NotesPanel';
import { ReportPanel } from '../report/ReportPanel';
import { useNavigation } from '../search/navigation';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { StatusUpdateButton } from '../updates/StatusUpdateButton';
import { HandoffButton } from '../handoff/HandoffButton';
import { HandoffDialog } from '../handoff/HandoffDialog';
import { formatTime, localTitle } from '../../ui/time';
import { RolesStrip } from '../people/RolesStrip';
import { StatusControl } from './StatusControl';
import { BlastRadius } from '../hubs/BlastRadius';

const tabs = ['work', 'timeline', 'report'] as const;
type Tab = (typeof tabs)[number];
const tabLabels: Record<Tab, string> = { work: 'Work', timeline: 'Timeline', report: 'Report' };

export function IncidentView({ incident }: { incident: Incident }) {
  const [tab, setTab] = useState<Tab>('work');
  // A search result opens its incident on the tab that shows it.
  const target = useNavigation((n) => n.target);
  useEffect(() => {
    if (target && target.incidentId === incident.id) setTab(target.tab);
  }, [target, incident.id]);
  return (
    <section className="incident-view" aria-label="Incident">
      <header className="incident-head">
        <div>
          <h1>{incident.title}</h1>
          <p className="muted">
            <StatusControl incident={incident} /> Declared{' '}
            <time dateTime={incident.declaredAt} title={localTitle(incident.declaredAt)}>
              {formatTime(incident.declaredAt)}
            </time>
            {incident.hub ? ` · ${incident.hub}` : ''}
          </p>
          <RolesStrip incidentId={incident.id} />
        </div>
        <StatusUpdateButton incidentId={incident.id} />
        <HandoffButton incidentId={incident.id} />
        <nav className="tabs" role="tablist" aria-label="Incident views">
          {tabs.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'tab selected' : 'tab'}
              onClick={() => setTab(t)}
            >
              {tabLabels[t]}
            </button>
          ))}
        </nav>
        {/* Full width under the title and the buttons: in the title's column the hub chips stacked one per line. */}
        <BlastRadius incidentId={incident.id} />
      </header>
      {tab === 'work' ? (
        <div className="work-view">
          <ChecklistPanel incidentId={incident.id} onOpenReport={() => setTab('report')} />
          <NotesPanel incidentId={incident.id} />
        </div>
      ) : tab === 'timeline' ? (
        <TimelinePanel incidentId={incident.id} />
      ) : (
        <ReportPanel incidentId={incident.id} />
      )}
      <HandoffDialog incidentTitle={incident.title} />
    </section>
  );
}
