// Actions the shell can ask the renderer to perform (from the tray or a notification).
export type UiAction =
  | { action: 'openIncident'; incidentId: string }
  | { action: 'quickNote'; incidentId: string }
  | { action: 'openComposer'; incidentId: string };
