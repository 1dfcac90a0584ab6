// The desktop export wiring against a fake dialog: the core writes exactly where the dialog chose, asks it to
// confirm replacements, and writes nothing when it is cancelled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import { electronSaveDialog, type saveDialogOptions } from '../../src/main/electron/saveDialog';
import type { ExportResult } from '../../src/shared/report';
import { tempDir } from '../helpers/tempDir';

type SaveDialogOptions = ReturnType<typeof saveDialogOptions>;
type SaveDialogReturnValue = { canceled: boolean; filePath: string };
type Win = NonNullable<ReturnType<Parameters<typeof electronSaveDialog>[1]>>;

const open: Array<() => void> = [];
afterEach(() =>
  open
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

function fakeDialog(answer: () => SaveDialogReturnValue) {
  const calls: Array<{ window: unknown; options: SaveDialogOptions }> = [];
  const dialog = {
    showSaveDialog: ((a: unknown, b?: SaveDialogOptions) => {
      calls.push(b ? { window: a, options: b } : { window: undefined, options: a as SaveDialogOptions });
      return Promise.resolve(answer());
    }) as never,
  };
  return { dialog, calls };
}

describe('desktop export through the save dialog', () => {
  it('writes where the dialog chose, outside the data folder, and nothing when cancelled', async () => {
    const data = tempDir();
    const docs = tempDir();
    open.push(data.cleanup, docs.cleanup);
    let answer: SaveDialogReturnValue = { canceled: false, filePath: join(docs.path, 'picked.md') };
    const { dialog, calls } = fakeDialog(() => answer);
    const win = { id: 1 } as unknown as Win;
    const core = createCore({
      dataDir: data.path,
      checkpointWorker: false,
      chooseExportFile: electronSaveDialog(dialog, () => win, docs.path),
    });
    open.push(() => core.close());
    const declared = await core.invoke('incidents.declare', { title: 'Desktop export', hub: 'hub' });
    if (!declared.ok) throw new Error(declared.error.message);
    const incidentId = (declared.value as { id: string }).id;

    const saved = await core.invoke('report.export', { incidentId, format: 'markdown' });
    expect(saved.ok && (saved.value as ExportResult).path).toBe(join(docs.path, 'picked.md'));
    expect(readFileSync(join(docs.path, 'picked.md'), 'utf8')).toMatch(/^---\ntitle: "Desktop export"/);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.window).toBe(win);
    expect(calls[0]!.options).toMatchObject({
      defaultPath: expect.stringMatching(new RegExp(`^${docs.path}/.+desktop-export\\.md$`)),
      filters: [{ extensions: ['md'] }],
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
    expect(existsSync(join(data.path, 'reports'))).toBe(false);

    answer = { canceled: true, filePath: '' };
    const cancelled = await core.invoke('report.export', { incidentId, format: 'html' });
    expect(cancelled.ok && (cancelled.value as ExportResult).path).toBeNull();
    expect(readdirSync(docs.path)).toEqual(['picked.md']);
  });
});
