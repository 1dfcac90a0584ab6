// Turning a zod error into the small list of field issues an error answer carries (used by invoke and services).
import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/** An error answer stays small whatever was sent (100k unknown keys must not come back as megabytes). */
export const MAX_ISSUES = 20;
const MAX_ISSUE_TEXT = 200;

const clip = (text: string) => (text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT - 1)}…` : text);

export const issuesOf = (err: z.ZodError): FieldIssue[] =>
  err.issues.slice(0, MAX_ISSUES).map((i) => ({
    path: clip(i.path.length ? i.path.map(String).join('.') : '(input)'),
    message: clip(i.message),
  }));
