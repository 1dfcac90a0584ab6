// The fact checker's findings: each links to its place in the report (and, for a time, to the nearest entries on the
// timeline). When Reviewed was refused, the commander can override with a reason, which Conn records on the timeline.
import { useState } from 'react';
import { sectionTitles, type Finding, type FindingPlace } from '../../../../shared/report';
import { useNavigation } from '../search/navigation';

/** The element a finding's place is shown in: the section heading, the action item row or the header field. */
export function placeSelector(place: FindingPlace): string {
  if (place.section === 'header') return `[data-field="${place.field ?? 'impactStart'}"]`;
  if (place.itemId) return `[data-item-id="${CSS.escape(place.itemId)}"]`;
  return `#section-${place.section}`;
}

function goTo(place: FindingPlace) {
  const el =
    document.querySelector<HTMLElement>(placeSelector(place)) ??
    document.querySelector<HTMLElement>(`#section-${place.section}`);
  if (!el) return;
  el.scrollIntoView?.({ block: 'center' }); // absent in some test DOMs
  // The field itself, else the section's text box (or first field, or first button).
  const within = el.closest('section, tr') ?? el;
  const focusable = el.matches('input, textarea, button')
    ? el
    : (['textarea', 'input', 'button'].map((q) => within.querySelector<HTMLElement>(q)).find(Boolean) ?? null);
  focusable?.focus({ preventScroll: true });
}

const placeLabel = (p: FindingPlace) =>
  p.section === 'header' ? (p.field === 'impactEnd' ? 'Impact end' : 'Impact start') : sectionTitles[p.section];

interface Props {
  incidentId: string;
  findings: Finding[] | null;
  checking: boolean;
  /** Set when Reviewed was just refused: offer the override. */
  gated: boolean;
  onOverride(reason: string): Promise<boolean>;
  onClose(): void;
}

export function FindingsPanel({ incidentId, findings, checking, gated, onOverride, onClose }: Props) {
  const [reason, setReason] = useState('');
  if (findings === null)
    return checking ? <p className="muted small">Checking the report against the record…</p> : null;
  const openEntry = (entryId: string) =>
    useNavigation.getState().go({ incidentId, tab: 'timeline', noteId: null, entryId });
  return (
    <div className={`findings${findings.length ? '' : ' clear'}`} role="region" aria-label="Fact check">
      <div className="warnings-head">
        <strong>
          {findings.length === 0
            ? 'Fact check: nothing to fix. The report holds to the record.'
            : gated
              ? `Not marked Reviewed: the fact check has ${findings.length} open ` +
                `finding${findings.length === 1 ? '' : 's'}.`
              : `Fact check: ${findings.length} finding${findings.length === 1 ? '' : 's'}.`}
        </strong>
        <button type="button" className="quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {findings.length ? (
        <ul>
          {findings.map((f) => (
            <li key={f.id} className={`finding f-${f.code}`}>
              <button type="button" className="link place" onClick={() => goTo(f.place)}>
                {placeLabel(f.place)}
              </button>{' '}
              {f.message}
              {f.suggestion ? <div className="suggestion">Try: {f.suggestion}</div> : null}
              {f.nearest?.length ? (
                <div className="nearest">
                  {f.code === 'unmatched_time' ? 'Nearest on the record:' : 'On the record:'}
                  {f.nearest.map((n) => (
                    <button
                      key={n.entryId}
                      type="button"
                      className="link"
                      onClick={() => openEntry(n.entryId)}
                      title="Open on the timeline"
                    >
                      {n.time.slice(11)} {n.text.length > 60 ? `${n.text.slice(0, 59)}…` : n.text}
                    </button>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {gated && findings.length ? (
        <form
          className="override"
          aria-label="Override the fact check"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void onOverride(reason.trim()).then((done) => done && setReason(''));
          }}
        >
          <label>
            Mark Reviewed anyway (as commander), because…
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="Why these findings can stand"
              maxLength={1000}
            />
          </label>
          <button type="submit" disabled={!reason.trim()}>
            Override and mark Reviewed
          </button>
          <span className="muted small">The reason is recorded on the incident’s timeline.</span>
        </form>
      ) : null}
    </div>
  );
}
