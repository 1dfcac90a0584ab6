// The roster editor: everyone who may hold a role, their timezone and vendor ids, and who "me" is.
import { useMemo, useState, type FormEvent } from 'react';
import type { Person } from '../../../../shared/people';
import { Modal } from '../../ui/Modal';
import { PersonTag } from './PersonTag';
import { useNow } from './localTime';
import { usePeople } from './store';
import './people.css';

const empty = {
  name: '',
  email: '',
  timezone: '',
  pagerdutyUserId: '',
  slackUserId: '',
  freshdeskAgentId: '',
  start: '',
  end: '',
};
type Draft = typeof empty;

const toDraft = (p: Person): Draft => ({
  name: p.name,
  email: p.email ?? '',
  timezone: p.timezone,
  pagerdutyUserId: p.pagerdutyUserId ?? '',
  slackUserId: p.slackUserId ?? '',
  freshdeskAgentId: p.freshdeskAgentId ?? '',
  start: p.workingHours?.start ?? '',
  end: p.workingHours?.end ?? '',
});

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

export function PeopleDialog({ onClose }: { onClose(): void }) {
  const { people, meId, error, save, remove, setMe } = usePeople();
  const now = useNow();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => ({
    ...empty,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  }));
  const tzList = useMemo(zones, []);
  const field = (k: keyof Draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value }),
  });
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);

  const pick = (p: Person | null) => {
    setEditing(p?.id ?? null);
    setDraft(p ? toDraft(p) : { ...empty, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save({
      ...(editing ? { id: editing } : {}),
      name: draft.name,
      timezone: draft.timezone.trim(),
      email: opt(draft.email),
      pagerdutyUserId: opt(draft.pagerdutyUserId),
      slackUserId: opt(draft.slackUserId),
      freshdeskAgentId: opt(draft.freshdeskAgentId),
      workingHours: draft.start && draft.end ? { start: draft.start, end: draft.end } : undefined,
    });
    if (saved) {
      if (people.length === 0 && !meId) await setMe(saved.id);
      pick(null);
    }
  };

  return (
    <Modal label="People" onClose={onClose} wide>
      <div className="modal-head">
        <h2>People</h2>
        <button type="button" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <div className="roster">
        <div>
          <ul className="roster-list" aria-label="Roster">
            {people.map((p) => (
              <li key={p.id}>
                <button type="button" className={p.id === editing ? 'selected' : ''} onClick={() => pick(p)}>
                  <PersonTag person={p} now={now} />
                  {p.id === meId ? <span className="me-badge">me</span> : null}
                </button>
              </li>
            ))}
          </ul>
          {people.length === 0 ? <p className="muted">Nobody yet. Start with yourself.</p> : null}
        </div>
        <form className="roster-form" aria-label={editing ? 'Edit person' : 'Add a person'} onSubmit={submit}>
          <label>
            Name
            <input name="name" autoFocus required maxLength={100} {...field('name')} />
          </label>
          <label>
            Timezone
            <input name="timezone" list="tz-list" required placeholder="Europe/Berlin" {...field('timezone')} />
            <datalist id="tz-list">
              {tzList.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
          <label>
            Email <span className="optional">optional</span>
            <input name="email" type="email" {...field('email')} />
          </label>
          <div className="row">
            <label>
              Works from <span className="optional">optional</span>
              <input name="start" type="time" {...field('start')} />
            </label>
            <label>
              until
              <input name="end" type="time" {...field('end')} />
            </label>
          </div>
          <div className="row">
            <label>
              PagerDuty user id <span className="optional">optional</span>
              <input name="pagerdutyUserId" {...field('pagerdutyUserId')} />
            </label>
            <label>
              Slack user id <span className="optional">optional</span>
              <input name="slackUserId" {...field('slackUserId')} />
            </label>
          </div>
          <label>
            Freshdesk agent id <span className="optional">optional</span>
            <input name="freshdeskAgentId" {...field('freshdeskAgentId')} />
          </label>
          {error ? (
            <p role="alert" className="error">
              {error.message}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary">
              {editing ? 'Save' : 'Add'} <kbd>Enter</kbd>
            </button>
            {editing ? (
              <>
                <button type="button" onClick={() => pick(null)}>
                  New person
                </button>
                <button type="button" disabled={editing === meId} onClick={() => void setMe(editing)}>
                  {editing === meId ? 'This is me' : 'Mark as me'}
                </button>
                <button
                  type="button"
                  onClick={async () => {
                    if (await remove(editing)) pick(null);
                  }}
                >
                  Remove
                </button>
              </>
            ) : null}
          </div>
        </form>
      </div>
    </Modal>
  );
}
