// A person's name with their local time beside it (dimmed outside their working hours).
import type { Person } from '../../../../shared/people';
import { atWork, localTime } from './localTime';
import './people.css';

export function PersonTag({ person, now, lead }: { person: Person; now: number; lead?: boolean }) {
  const work = atWork(person, now);
  const time = localTime(person.timezone, now);
  const off = work === false;
  return (
    <span
      className={off ? 'person-tag off-hours' : 'person-tag'}
      title={`${person.timezone}${off ? ', outside working hours' : ''}`}
    >
      <span className="person-name">{person.name}</span>
      {lead ? (
        <span className="tech-lead" title="Tech Lead">
          lead
        </span>
      ) : null}
      <span className="person-time">{time}</span>
    </span>
  );
}
