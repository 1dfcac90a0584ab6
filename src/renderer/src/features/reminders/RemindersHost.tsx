// Mounts the reminder banner and the update composer at the top of the app and connects them to stores.
import { useEffect } from 'react';
import { useIncidents } from '../incidents/store';
import { UpdateComposer } from '../updates/UpdateComposer';
import { useUpdates } from '../updates/store';
import { ReminderBanner } from './ReminderBanner';
import { mostUrgent, useReminders } from './store';

export function RemindersHost() {
  const { overview, load, snooze } = useReminders();
  const composingFor = useUpdates((s) => s.incidentId);
  const incidents = useIncidents((s) => s.items);
  useEffect(() => {
    void load();
    const h = setInterval(() => void load(), 60_000); // states move with time, not only with events
    return () => clearInterval(h);
  }, [load]);
  const compose = (incidentId: string) => {
    useIncidents.getState().select(incidentId);
    void useUpdates.getState().open(incidentId);
  };
  const title = incidents.find((i) => i.id === composingFor)?.title ?? '';
  return (
    <>
      <ReminderBanner
        item={mostUrgent(overview?.items ?? [])}
        reportDebt={overview?.reportDebt.length ?? 0}
        onCompose={compose}
        onSnooze={(id, m) => void snooze(id, m)}
      />
      {composingFor ? <UpdateComposer incidentTitle={title} /> : null}
    </>
  );
}
