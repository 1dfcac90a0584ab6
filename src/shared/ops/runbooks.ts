// Operations on runbooks: the built-in ones and those imported from files.
import { z } from 'zod';
import type { RunbookSummary, RunbookWithSource } from '../runbook';
import { id, storableText } from '../text';
import { op } from './define';

export const runbookOps = {
  'runbooks.list': op<RunbookSummary[]>()(
    'Every runbook: built-in first, then imported.',
    z.strictObject({}).optional().default({}),
  ),
  'runbooks.get': op<RunbookWithSource>()('One runbook with all its steps.', z.strictObject({ id })),
  'runbooks.import': op<RunbookSummary>()(
    'Import a runbook from its JSON text. Invalid files are refused with the path of each bad field; ' +
      'replacing an imported runbook needs a higher version.',
    z.strictObject({ json: storableText(1_000_000, 'json') }),
  ),
  'runbooks.export': op<{ id: string; fileName: string; json: string }>()(
    'A runbook as JSON text, ready to save, edit and import.',
    z.strictObject({ id }),
  ),
};

export const runbookEvents = {};
