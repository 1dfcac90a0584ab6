// The desktop app's export target: the OS save dialog, attached to Conn's window. The user picks the file, and the
// dialog itself asks before replacing one (which is the user's "overwrite"), so exports never land anywhere unasked.
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { ChooseExportFile } from '../core/services/report';

const formatNames: Record<string, string> = { md: 'Markdown', html: 'Web page (HTML)', pdf: 'PDF' };

export function saveDialogOptions(defaultName: string, extension: string, documentsDir: string): SaveDialogOptions {
  return {
    title: 'Export the incident report',
    defaultPath: join(documentsDir, defaultName),
    filters: [{ name: formatNames[extension] ?? extension, extensions: [extension] }],
    // Linux dialogs only confirm a replacement when asked to; macOS and Windows always do.
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

export function electronSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: () => BrowserWindow | undefined,
  documentsDir: string,
): ChooseExportFile {
  return async ({ defaultName, extension }) => {
    const options = saveDialogOptions(defaultName, extension, documentsDir);
    const win = window();
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    return choice.filePath;
  };
}
