// @vitest-environment jsdom
// The action items' GitHub column: with GitHub connected, Create issue (per item and for all), "Opening the issue…"
// while it is on its way, then the link with its Open/Closed chip; without GitHub, Copy issue text as before.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionItems } from '../../src/renderer/src/features/report/ActionItems';
import type { ActionItem } from '../../src/shared/report';

afterEach(() => cleanup());

const item = (over: Partial<ActionItem>): ActionItem => ({
  id: 'a1',
  what: 'Alert at 80% of the node pool',
  doneWhen: '',
  owner: '',
  issueUrl: null,
  repo: null,
  issueState: null,
  issueClosedAt: null,
  issueCheckedAt: null,
  issueRequest: null,
  ...over,
});

function show(items: ActionItem[], githubRepo: string | null) {
  const onCreateIssues = vi.fn(async () => true);
  const onUpdate = vi.fn(async () => true);
  render(
    <ActionItems
      title="Action Items"
      items={items}
      onAdd={async () => true}
      onUpdate={onUpdate}
      onRemove={async () => true}
      onIssueText={async () => ({ title: 't', body: 'b' })}
      githubRepo={githubRepo}
      onCreateIssues={onCreateIssues}
      onRefreshIssues={async () => true}
    />,
  );
  return { onCreateIssues, onUpdate };
}

describe('action items and their GitHub issues', () => {
  it('with GitHub: Create issue per item and Create all; a repository of its own; pending, then link and state', () => {
    const { onCreateIssues, onUpdate } = show(
      [
        item({}),
        item({ id: 'a2', what: 'Write a runbook', issueRequest: 'pending' }),
        item({
          id: 'a3',
          what: 'Raise the quota',
          issueUrl: 'https://github.com/2i2c-org/infrastructure/issues/7',
          issueState: 'closed',
        }),
        item({ id: 'a4', what: 'Document it', issueRequest: 'failed' }),
      ],
      '2i2c-org/infrastructure',
    );
    expect(screen.queryByRole('button', { name: 'Copy issue text' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Create issue for Alert at 80% of the node pool' }));
    expect(onCreateIssues).toHaveBeenLastCalledWith(['a1']);
    fireEvent.click(screen.getByRole('button', { name: 'Create all issues (2)' }));
    expect(onCreateIssues).toHaveBeenLastCalledWith();
    expect(screen.getByText('Opening the issue…')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create issue for Write a runbook' })).toBeNull();
    const link = screen.getByRole('link', { name: '2i2c-org/infrastructure#7' });
    expect(link.getAttribute('href')).toBe('https://github.com/2i2c-org/infrastructure/issues/7');
    expect(within(link.parentElement!).getByText('Closed')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create issue for Document it' }).textContent).toBe('Try again');
    expect(screen.getByText(/GitHub refused the last try/)).toBeTruthy();

    const repo = screen.getAllByLabelText('Repository for its issue')[0]!;
    expect(repo.getAttribute('placeholder')).toBe('2i2c-org/infrastructure');
    fireEvent.change(repo, { target: { value: 'not a repo' } });
    expect(screen.getByText('Use owner/name')).toBeTruthy();
    fireEvent.blur(repo);
    expect(onUpdate).not.toHaveBeenCalled();
    fireEvent.change(repo, { target: { value: '2i2c-org/incident-reports' } });
    fireEvent.blur(repo);
    expect(onUpdate).toHaveBeenCalledWith('a1', { repo: '2i2c-org/incident-reports' });
  });

  it('without GitHub: Copy issue text and the hand link, no Create buttons', () => {
    show([item({})], null);
    expect(screen.getByRole('button', { name: 'Copy issue text' })).toBeTruthy();
    expect(screen.getByLabelText('GitHub issue')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull();
  });
});
