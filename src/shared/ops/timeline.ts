// Timeline operations and events.
import type { TimelineEntry } from '../domain';
import { event } from './define';

export const timelineOps = {};

export const timelineEvents = {
  'timeline.appended': event<TimelineEntry>(),
};
