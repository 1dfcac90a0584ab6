// UI requests raised outside the window (tray menu, OS notification click) for the renderer to act on.
import type { UiAction } from '../ui';
import { event } from './define';

export const uiOps = {};

export const uiEvents = {
  'ui.actionRequested': event<UiAction>(),
};
