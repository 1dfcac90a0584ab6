// The incident header's one-line view of who holds which role, each with their local time.
import { matches } from '../../ui/keymap';
import { useEffect, useState } from 'react';
import { PeopleDialog } from './PeopleDialog';
import { PersonTag } from './PersonTag';
import { RolesEditor } from './RolesEditor';
import { useNow } from './localTime';
import { useRoles } from './rolesStore';
import './people.css';

export function RolesStrip({ incidentId }: { incidentId: string }) {
  const roles = useRoles((s) => s.byIncident[incidentId]);
  const load = useRoles((s) => s.load);
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const [roster, setRoster] = useState(false);

  useEffect(() => {
    void load(incidentId);
  }, [incidentId, load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, 'roles')) {
        e.preventDefault();
        setEditing(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const lead = roles?.smes.some((s) => s.techLead);
  return (
    <div className="roles-strip" aria-label="Roles">
      <span className="role">
        <span className="role-label">IC</span>
        {roles?.commander ? <PersonTag person={roles.commander} now={now} /> : <span className="missing">nobody</span>}
      </span>
      {roles?.liaison && !roles.liaisonIsCommander ? (
        <span className="role">
          <span className="role-label">Liaison</span>
          <PersonTag person={roles.liaison} now={now} />
        </span>
      ) : null}
      {roles?.smes.length ? (
        <span className="role">
          <span className="role-label">SMEs</span>
          {roles.smes.map((s) => (
            <PersonTag key={s.person.id} person={s.person} now={now} lead={s.techLead} />
          ))}
          {lead ? null : <span className="missing">no Tech Lead</span>}
        </span>
      ) : null}
      {roles?.triagers.length ? (
        <span className="role">
          <span className="role-label">Triage</span>
          {roles.triagers.map((p) => (
            <PersonTag key={p.id} person={p} now={now} />
          ))}
        </span>
      ) : null}
      <button type="button" onClick={() => setEditing(true)}>
        Roles <kbd>R</kbd>
      </button>
      {editing ? (
        <RolesEditor
          incidentId={incidentId}
          onClose={() => setEditing(false)}
          onOpenPeople={() => {
            setEditing(false);
            setRoster(true);
          }}
        />
      ) : null}
      {roster ? <PeopleDialog onClose={() => setRoster(false)} /> : null}
    </div>
  );
}
