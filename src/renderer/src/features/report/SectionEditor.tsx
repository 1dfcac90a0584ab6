// One free-text section: a Markdown textarea with a preview, and Conn's proposal until it is accepted.
import { useEffect, useState } from 'react';
import type { ReportSection, ReportTimelineLine } from '../../../../shared/report';
import { CitedMarkdown } from './CitedMarkdown';

type TextSection = Extract<ReportSection, { kind: 'text' }>;

interface Props {
  section: TextSection;
  incidentId: string;
  /** Entries the section may cite, for the citation links' tooltips. */
  entries: readonly ReportTimelineLine[];
  onSave(text: string | null): Promise<boolean>;
}

const hasCitations = (text: string | null) => !!text && /\[\^e:[A-Za-z0-9_-]+\]/.test(text);

export function SectionEditor({ section, incidentId, entries, onSave }: Props) {
  const [text, setText] = useState(section.body ?? '');
  const [dirty, setDirty] = useState(false);
  const [editingProposal, setEditingProposal] = useState(false);
  // Cited text (an accepted proposal) opens as its preview, where the citations are links.
  const [preview, setPreview] = useState(hasCitations(section.body));
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');

  // Follow the stored text unless the author has unsaved typing (never overwrite what they typed).
  useEffect(() => {
    if (!dirty) setText(section.body ?? '');
  }, [section.body, dirty]);

  const save = async (value: string) => {
    setState('saving');
    const okay = await onSave(value.trim() === '' ? null : value);
    setState(okay ? 'saved' : 'failed');
    if (okay) {
      setDirty(false);
      setEditingProposal(false);
    }
  };

  const showProposal = section.body === null && section.proposal !== null && !editingProposal && !dirty;
  const id = `section-${section.key}`;
  return (
    <section className="report-section" aria-labelledby={id}>
      <div className="section-head">
        <h3 id={id}>{section.title}</h3>
        {!showProposal ? (
          <div className="seg" role="group" aria-label={`${section.title} view`}>
            <button type="button" className={preview ? '' : 'on'} onClick={() => setPreview(false)}>
              Write
            </button>
            <button type="button" className={preview ? 'on' : ''} onClick={() => setPreview(true)}>
              Preview
            </button>
          </div>
        ) : null}
      </div>
      {showProposal ? (
        <div className="proposal" aria-label={`Proposed ${section.title}`}>
          <p className="proposal-tag">Proposed by Conn from the session. Not in the report until you accept it.</p>
          <CitedMarkdown text={section.proposal ?? ''} incidentId={incidentId} entries={entries} />
          <div className="row">
            <button type="button" className="primary" onClick={() => void save(section.proposal ?? '')}>
              Accept
            </button>
            <button
              type="button"
              onClick={() => {
                setText(section.proposal ?? '');
                setEditingProposal(true);
                setDirty(true);
                setPreview(false);
              }}
            >
              Edit
            </button>
          </div>
        </div>
      ) : preview ? (
        <div className="md preview">
          {text.trim() ? (
            <CitedMarkdown text={text} incidentId={incidentId} entries={entries} />
          ) : (
            <p className="muted">Nothing written yet.</p>
          )}
        </div>
      ) : (
        <textarea
          aria-label={section.title}
          value={text}
          rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
          placeholder="Write in Markdown. Saved when you leave the field, or with Ctrl+S."
          onChange={(e) => {
            setText(e.target.value);
            setDirty(true);
            setState('idle');
          }}
          onBlur={() => dirty && void save(text)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter')) {
              e.preventDefault();
              void save(text);
            }
          }}
        />
      )}
      {section.following && !dirty ? (
        <p className="following muted small">Conn’s proposal, accepted: it follows the record until you change it.</p>
      ) : null}
      <p className="save-state" aria-live="polite">
        {state === 'saving'
          ? 'Saving…'
          : state === 'saved'
            ? 'Saved'
            : state === 'failed'
              ? 'Not saved: your text is kept here.'
              : ''}
      </p>
    </section>
  );
}
