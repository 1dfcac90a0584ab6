// An incident's blast radius: the scope (a hub, a cluster, a provider/region), the affected hubs and communities
// (the commander adds and removes), the health strip (each hub up/down/unknown since when) and impact proposals.
import { useEffect, useMemo, useState } from 'react';
import type { CommunitiesTold as Told, CommunityChannel, ScopeKind } from '../../../../shared/hubs';
import { formatTime, localTitle } from '../../ui/time';
import { useHubs } from './store';
import './hubs.css';

const kindLabels: Record<ScopeKind, string> = { hub: 'One hub', cluster: 'A cluster', region: 'A provider/region' };

/** Full date and time, or just HH:MM UTC for the strip (full text on hover). */
function At({ iso, short = false }: { iso: string; short?: boolean }) {
  const full = formatTime(iso);
  return (
    <time dateTime={iso} title={`${full} · ${localTitle(iso)}`}>
      {short ? `${iso.slice(11, 16)} UTC` : full}
    </time>
  );
}

const channelWords: Record<CommunityChannel, string> = {
  incident_ticket: "on the incident's ticket",
  own_ticket: 'on its own ticket',
  new_ticket: 'a new ticket at the next message',
  no_contact: 'no requester e-mail in the registry',
};

/** Who has been told: the latest message's progress (always shown), and, in the details, each community's channel
 * and "last told at". */
function CommunitiesTold({ told, details }: { told: Told; details: boolean }) {
  const p = told.progress;
  return (
    <div className="communities-told">
      {p ? (
        <p role="status" aria-label="Communities told">
          Told {p.told} of {p.total} communit{p.total === 1 ? 'y' : 'ies'}
          {p.pending > 0 ? ` · ${p.pending} on the way` : ''}
          {p.failed > 0 ? ` · ${p.failed} failed (see the outbox)` : ''}
        </p>
      ) : null}
      {details ? <LastTold told={told} /> : null}
    </div>
  );
}

function LastTold({ told }: { told: Told }) {
  return (
    <ul aria-label="Last told">
      {told.communities.map((c) => (
        <li key={c.community} aria-label={`${c.community} told`}>
          <strong>{c.community}</strong> <span className="muted">{channelWords[c.via]}</span>
          {c.ticketId !== null ? <span className="muted"> #{c.ticketId}</span> : null} · last told{' '}
          {c.lastToldAt ? <At iso={c.lastToldAt} short /> : <span className="muted">never</span>}
          {told.stalest?.community === c.community ? (
            <span className="muted"> · stalest: the update reminder follows it</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function BlastRadius({ incidentId }: { incidentId: string }) {
  const {
    registry,
    scope,
    health,
    impact,
    error,
    loadRegistry,
    loadIncident,
    setScope,
    setIncluded,
    probeNow,
    acceptImpact,
  } = useHubs();
  const sc = scope[incidentId];
  const hv = health[incidentId];
  const ip = impact[incidentId];
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<ScopeKind>('cluster');
  const [value, setValue] = useState('');
  const [adding, setAdding] = useState('');
  // The work below (checklist and notes) needs the height: by default the blast radius is its scope line, the
  // health strip, the told line and any impact proposal waiting for Accept; Details shows the rest.
  const [details, setDetails] = useState(false);

  useEffect(() => {
    void loadRegistry();
    void loadIncident(incidentId);
  }, [incidentId, loadRegistry, loadIncident]);

  const choices = useMemo(() => {
    const hubs = registry?.hubs ?? [];
    if (kind === 'hub')
      return hubs.map((h) => ({ value: h.id, label: `${h.id}${h.community ? ` — ${h.community}` : ''}` }));
    if (kind === 'cluster') return [...new Set(hubs.map((h) => h.cluster))].map((c) => ({ value: c, label: c }));
    return [...new Set(hubs.map((h) => `${h.provider}/${h.region ?? ''}`))].map((r) => ({ value: r, label: r }));
  }, [registry, kind]);

  const included = sc?.hubs.filter((h) => !h.excluded) ?? [];
  const excluded = sc?.hubs.filter((h) => h.excluded) ?? [];
  const notAffected = (registry?.hubs ?? []).filter((h) => !included.some((i) => i.hubId === h.id));
  const noRegistry = registry !== null && registry.hubs.length === 0;
  const impactWaiting =
    !!ip &&
    ((ip.start !== null && Date.parse(ip.accepted.start) !== Date.parse(ip.start.at)) ||
      (ip.end !== null && !(ip.accepted.end && Date.parse(ip.accepted.end) === Date.parse(ip.end.at))));

  return (
    <section className="blast-radius" aria-label="Blast radius">
      <div className="scope-line">
        <strong>Scope</strong>{' '}
        {sc?.scope ? (
          <span>
            {sc.scope.kind === 'region' ? 'provider/region' : sc.scope.kind} <code>{sc.scope.value}</code> ·{' '}
            {included.length} hub
            {included.length === 1 ? '' : 's'} · {sc.communities.length} communit
            {sc.communities.length === 1 ? 'y' : 'ies'}
          </span>
        ) : (
          <span className="muted">
            {noRegistry ? 'none yet: import the hub registry under Hubs (top bar) to pick one.' : 'not set'}
          </span>
        )}
        {!noRegistry ? (
          <button type="button" className="link" onClick={() => setEditing(!editing)}>
            {editing ? 'Cancel' : sc?.scope ? 'Change scope' : 'Pick scope'}
          </button>
        ) : null}
        {included.length > 0 ? (
          <button type="button" className="link" onClick={() => void probeNow(incidentId)}>
            Probe now
          </button>
        ) : null}
        {sc?.scope || included.length > 0 ? (
          <button type="button" className="link" aria-expanded={details} onClick={() => setDetails(!details)}>
            {details ? 'Fewer details' : 'Details'}
          </button>
        ) : null}
      </div>
      {details && sc && sc.communities.length > 0 ? (
        <p className="health-strip-communities" aria-label="Affected communities">
          Communities: {sc.communities.join(' · ')}
        </p>
      ) : null}
      {sc && sc.told.communities.length > 0 ? <CommunitiesTold told={sc.told} details={details} /> : null}
      {editing ? (
        <form
          className="scope-form"
          onSubmit={(e) => {
            e.preventDefault();
            void setScope(incidentId, kind, value || choices[0]?.value || '').then((ok) => ok && setEditing(false));
          }}
        >
          <select
            aria-label="Scope kind"
            value={kind}
            onChange={(e) => (setKind(e.target.value as ScopeKind), setValue(''))}
          >
            {(Object.keys(kindLabels) as ScopeKind[]).map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </select>
          <select
            aria-label="Scope value"
            value={value || choices[0]?.value || ''}
            onChange={(e) => setValue(e.target.value)}
          >
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <button type="submit">Apply scope</button>
        </form>
      ) : null}
      {error ? (
        <p className="registry-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {included.length > 0 ? (
        <ul className="health-strip" aria-label="Hub health">
          {included.map((h) => {
            const st = hv?.hubs.find((x) => x.hubId === h.hubId);
            const state = st?.state ?? 'pending';
            return (
              <li
                key={h.hubId}
                className={`hub-chip state-${state}`}
                title={`${h.hubId} (${h.domain})${h.community ? ` — ${h.community}` : ''}: ${st?.detail ?? ''}`}
                aria-label={`${h.hubId} ${state}`}
              >
                <span className="dot" aria-hidden="true" />
                <span className="hub-name">{h.name}</span>
                <span className="hub-state">{state}</span>
                {st?.since ? (
                  <span className="muted">
                    since <At iso={st.since} short />
                  </span>
                ) : null}
                <button
                  type="button"
                  className="chip-x"
                  aria-label={`Remove ${h.hubId} from the incident`}
                  onClick={() => void setIncluded(incidentId, h.hubId, false)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {hv && !hv.enabled && included.length > 0 ? (
        <p className="muted">Hub probing is turned off (Registry screen).</p>
      ) : null}
      {details && sc && (excluded.length > 0 || notAffected.length > 0) ? (
        <div className="scope-extra">
          {excluded.length > 0 ? (
            <span className="muted">Removed: {excluded.map((h) => h.hubId).join(', ')} </span>
          ) : null}
          <select aria-label="Add an affected hub" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Add a hub…</option>
            {notAffected.map((h) => (
              <option key={h.id} value={h.id}>
                {h.id}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!adding}
            onClick={() => void setIncluded(incidentId, adding, true).then(() => setAdding(''))}
          >
            Add
          </button>
        </div>
      ) : null}
      {ip && included.length > 0 && (details || impactWaiting) ? (
        <div className="impact-proposals" aria-label="Impact from evidence">
          <div>
            <strong>Impact start</strong>{' '}
            {ip.start ? (
              <>
                proposed <At iso={ip.start.at} /> <span className="muted">({ip.start.evidence})</span>{' '}
                {Date.parse(ip.accepted.start) === Date.parse(ip.start.at) ? (
                  <span className="ok-text">accepted</span>
                ) : (
                  <button type="button" onClick={() => void acceptImpact(incidentId, 'start', ip.start!.at)}>
                    Accept start
                  </button>
                )}
              </>
            ) : (
              <span className="muted">no evidence yet</span>
            )}
          </div>
          <div>
            <strong>Impact end</strong>{' '}
            {ip.end ? (
              <>
                proposed <At iso={ip.end.at} /> <span className="muted">({ip.end.evidence})</span>{' '}
                {ip.accepted.end && Date.parse(ip.accepted.end) === Date.parse(ip.end.at) ? (
                  <span className="ok-text">accepted</span>
                ) : (
                  <button type="button" onClick={() => void acceptImpact(incidentId, 'end', ip.end!.at)}>
                    Accept end
                  </button>
                )}
              </>
            ) : (
              <span className="muted">{ip.endPending}</span>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
