// Assign and remove incident roles; the Tech Lead is marked among the subject matter experts.
import { useState, type FormEvent } from 'react';
import { roleKinds, roleLabels, type IncidentRoles, type RoleKind } from '../../../../shared/people';
import { Modal } from '../../ui/Modal';
import { PersonTag } from './PersonTag';
import { useNow } from './localTime';
import { useRoles } from './rolesStore';
import { usePeople } from './store';

interface Row {
  role: RoleKind;
  personId: string;
  techLead: boolean;
}

const rowsOf = (r: IncidentRoles | undefined): Row[] => {
  if (!r) return [];
  const rows: Row[] = [];
  if (r.commander) rows.push({ role: 'incident_commander', personId: r.commander.id, techLead: false });
  if (r.liaison && !r.liaisonIsCommander)
    rows.push({ role: 'external_liaison', personId: r.liaison.id, techLead: false });
  for (const s of r.smes) rows.push({ role: 'subject_matter_expert', personId: s.person.id, techLead: s.techLead });
  for (const p of r.triagers) rows.push({ role: 'support_triager', personId: p.id, techLead: false });
  return rows;
};

export function RolesEditor({
  incidentId,
  onClose,
  onOpenPeople,
}: {
  incidentId: string;
  onClose(): void;
  onOpenPeople(): void;
}) {
  const roles = useRoles((s) => s.byIncident[incidentId]);
  const { error, assign, unassign } = useRoles();
  const { people, everyone, meId } = usePeople();
  const now = useNow();
  const [role, setRole] = useState<RoleKind>('incident_commander');
  const [personId, setPersonId] = useState(meId ?? people[0]?.id ?? '');
  const [techLead, setTechLead] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!personId) return;
    await assign(incidentId, role, personId, role === 'subject_matter_expert' ? techLead : undefined);
  };

  return (
    <Modal label="Roles" onClose={onClose}>
      <div className="modal-head">
        <h2>Roles</h2>
        <button type="button" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <div className="roles-editor">
        {people.length === 0 ? (
          <p className="muted">
            The roster is empty.{' '}
            <button type="button" onClick={onOpenPeople}>
              Add people
            </button>
          </p>
        ) : (
          <form className="assign" aria-label="Assign a role" onSubmit={submit}>
            <label>
              Role
              <select value={role} onChange={(e) => setRole(e.target.value as RoleKind)}>
                {roleKinds.map((k) => (
                  <option key={k} value={k}>
                    {roleLabels[k]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Person
              <select value={personId} onChange={(e) => setPersonId(e.target.value)}>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox" style={{ visibility: role === 'subject_matter_expert' ? 'visible' : 'hidden' }}>
              <input type="checkbox" checked={techLead} onChange={(e) => setTechLead(e.target.checked)} /> Tech Lead
            </label>
            <button type="submit" className="primary">
              Assign
            </button>
          </form>
        )}
        {error ? (
          <p role="alert" className="error">
            {error.message}
          </p>
        ) : null}
        <ul aria-label="Current roles">
          {rowsOf(roles).map((r) => {
            const p = everyone[r.personId];
            return (
              <li key={`${r.role}:${r.personId}`}>
                <span>
                  <span className="muted">{roleLabels[r.role]}: </span>
                  {p ? <PersonTag person={p} now={now} lead={r.techLead} /> : r.personId}
                </span>
                <span>
                  {r.role === 'subject_matter_expert' && !r.techLead ? (
                    <button type="button" onClick={() => void assign(incidentId, r.role, r.personId, true)}>
                      Make Tech Lead
                    </button>
                  ) : null}{' '}
                  <button
                    type="button"
                    aria-label={`Remove ${p?.name ?? ''} as ${roleLabels[r.role]}`}
                    onClick={() => void unassign(incidentId, r.role, r.personId)}
                  >
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
        {roles?.liaisonIsCommander && roles.commander ? (
          <p className="muted">The commander also acts as External Liaison until someone else is given that duty.</p>
        ) : null}
      </div>
    </Modal>
  );
}
