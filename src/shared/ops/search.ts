// Full-text search across every incident's notes and timeline.
import { z } from 'zod';
import type { SearchResult } from '../notes';
import { storableText } from '../text';
import { op } from './define';

export const searchOps = {
  'search.query': op<SearchResult>()(
    'Search all incidents’ notes and timeline, best matches first. Words match as prefixes; "quoted phrases" match ' +
      'exactly; OR and NOT work between terms.',
    z.strictObject({
      text: storableText(500, 'text'),
      limit: z.number().int().min(1).max(200).optional().default(50),
    }),
  ),
};

export const searchEvents = {};
