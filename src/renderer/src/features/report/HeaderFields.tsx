// The report header: title, owner of the review, impact start and end in the report's timezone, duration.
import { useEffect, useState } from 'react';
import type { OpInput } from '../../../../shared/contract';
import type { ReportHeader } from '../../../../shared/report';
import { isValidTimeZone, toWallTime, wallTimeToUtc } from '../../../../shared/zonedTime';

type Patch = OpInput<'report.update'>['patch'];
const ZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
];

interface Props {
  header: ReportHeader;
  onSave(patch: Patch): Promise<boolean>;
}

/** A text field that saves on blur or Enter when its value changed, and follows the server otherwise. */
function Field(props: {
  id?: string;
  label: string;
  value: string;
  type?: string;
  list?: string;
  /** Names the field for the fact check's "go to" links. */
  field?: string;
  invalid?: (v: string) => string | null;
  onCommit(v: string): void;
}) {
  const [v, setV] = useState(props.value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setV(props.value);
  }, [props.value, focused]);
  const problem = props.invalid?.(v) ?? null;
  const commit = () => {
    if (v !== props.value && !problem) props.onCommit(v);
  };
  return (
    <label>
      {props.label}
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={v}
        list={props.list}
        data-field={props.field}
        aria-invalid={problem ? true : undefined}
        onFocus={() => setFocused(true)}
        onChange={(e) => setV(e.target.value)}
        onBlur={() => {
          setFocused(false);
          commit();
        }}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {problem ? <span className="field-error">{problem}</span> : null}
    </label>
  );
}

export function HeaderFields({ header, onSave }: Props) {
  const tz = header.timezone;
  const [editingProposal, setEditingProposal] = useState(false);
  const proposal = header.impactEnd === null ? header.impactEndProposal : null;
  useEffect(() => {
    if (editingProposal) document.getElementById('report-impact-end')?.focus();
  }, [editingProposal]);
  const wall = (iso: string | null) => (iso ? toWallTime(Date.parse(iso), tz) : '');
  const toIso = (value: string) => {
    const ms = wallTimeToUtc(value, tz);
    return ms === null ? null : new Date(ms).toISOString();
  };
  return (
    <div className="report-header" role="group" aria-label="Report header">
      <Field
        label="Title"
        value={header.title}
        onCommit={(title) => void onSave({ title })}
        invalid={(v) => (v.trim() ? null : 'A title is needed')}
      />
      <Field label="Owner of the review" value={header.owner} onCommit={(owner) => void onSave({ owner })} />
      <Field
        label={`Impact start (${tz})`}
        field="impactStart"
        type="datetime-local"
        value={wall(header.impactStart)}
        invalid={(v) => (toIso(v) ? null : 'Enter a date and time')}
        onCommit={(v) => {
          const iso = toIso(v);
          if (iso) void onSave({ impactStart: iso });
        }}
      />
      <Field
        id="report-impact-end"
        label={`Impact end (${tz})`}
        field="impactEnd"
        type="datetime-local"
        value={wall(header.impactEnd ?? (editingProposal ? proposal : null))}
        onCommit={(v) => {
          setEditingProposal(false);
          void onSave({ impactEnd: v ? toIso(v) : null });
        }}
      />
      {proposal && !editingProposal ? (
        <p className="impact-end-proposal" role="status">
          Proposed impact end: <strong>{wall(proposal).replace('T', ' ')}</strong> ({tz}), when the incident was
          resolved.{' '}
          <button type="button" className="primary" onClick={() => void onSave({ impactEnd: proposal })}>
            Accept
          </button>{' '}
          <button type="button" onClick={() => setEditingProposal(true)}>
            Edit
          </button>
        </p>
      ) : null}
      <Field
        label="Timezone for every time in the report"
        value={tz}
        list="report-zones"
        invalid={(v) => (isValidTimeZone(v) ? null : 'Use an IANA name such as UTC or Europe/Berlin')}
        onCommit={(timezone) => void onSave({ timezone })}
      />
      <datalist id="report-zones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <div className="duration">
        <span className="label">Duration</span>
        <output aria-label="Duration">{header.duration ?? 'Set the impact end to compute it'}</output>
      </div>
    </div>
  );
}
