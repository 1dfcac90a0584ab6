// 0003: the lifecycle columns of incidents, the people roster, incident roles, imported runbooks,
// and each incident's checklist (a copy of its runbook's steps, with their state).
import type { Migration } from './types';

export const migration0003: Migration = {
  version: 3,
  name: 'runbooks-roles-checklist',
  up: (db) => {
    db.exec(`
      ALTER TABLE incidents ADD COLUMN runbook_id TEXT NOT NULL DEFAULT 'default';
      ALTER TABLE incidents ADD COLUMN runbook_version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE incidents ADD COLUMN impact_start_at INTEGER;
      ALTER TABLE incidents ADD COLUMN classification TEXT;
      ALTER TABLE incidents ADD COLUMN active_at INTEGER;
      ALTER TABLE incidents ADD COLUMN mitigated_at INTEGER;
      ALTER TABLE incidents ADD COLUMN resolved_at INTEGER;
      ALTER TABLE incidents ADD COLUMN report_in_review_at INTEGER;
      ALTER TABLE incidents ADD COLUMN closed_at INTEGER;
      UPDATE incidents SET impact_start_at = declared_at WHERE impact_start_at IS NULL;

      CREATE TABLE people (
        id                 TEXT PRIMARY KEY,
        name               TEXT NOT NULL,
        email              TEXT,
        timezone           TEXT NOT NULL,
        pagerduty_user_id  TEXT,
        slack_user_id      TEXT,
        freshdesk_agent_id TEXT,
        working_hours      TEXT,
        removed_at         INTEGER,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE incident_roles (
        incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        role        TEXT NOT NULL CHECK (role IN ('incident_commander', 'external_liaison',
          'subject_matter_expert', 'support_triager')),
        person_id   TEXT NOT NULL REFERENCES people(id),
        tech_lead   INTEGER NOT NULL DEFAULT 0 CHECK (tech_lead IN (0, 1)),
        assigned_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, role, person_id)
      ) STRICT;
      -- commander and liaison have one holder each
      CREATE UNIQUE INDEX incident_roles_single ON incident_roles(incident_id, role)
        WHERE role IN ('incident_commander', 'external_liaison');
      CREATE UNIQUE INDEX incident_roles_one_tech_lead ON incident_roles(incident_id) WHERE tech_lead = 1;

      CREATE TABLE runbooks (
        id          TEXT PRIMARY KEY,
        version     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        body        TEXT NOT NULL,
        imported_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE checklist_steps (
        incident_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        step_id      TEXT NOT NULL,
        position     INTEGER NOT NULL,
        title        TEXT NOT NULL,
        why          TEXT NOT NULL,
        instructions TEXT NOT NULL,
        action       TEXT,
        check_def    TEXT,
        state        TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo', 'in_progress', 'done', 'skipped',
          'blocked')),
        reason       TEXT,
        done_by      TEXT,
        done_at      INTEGER,
        done_via     TEXT CHECK (done_via IN ('manual', 'check')),
        version      INTEGER NOT NULL DEFAULT 0,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (incident_id, step_id)
      ) STRICT;
      CREATE INDEX checklist_by_position ON checklist_steps(incident_id, position);
    `);
  },
};
