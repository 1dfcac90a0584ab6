// zod schemas for the GitHub REST answers Conn reads: only the fields Conn reads are required; the rest passes
// through and optional ones may be missing (GitHub's own description marks many of them nullable).
import { z } from 'zod';

// GitHub's description sets no minimum on ids and numbers: Conn only compares them, so it asks for integers alone.
const id = z.number().int();

export const user = z.object({
  login: z.string(),
  id,
  name: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type GhUser = z.infer<typeof user>;

export const repository = z.object({
  id,
  full_name: z.string(),
  default_branch: z.string().nullish(),
  private: z.boolean().nullish(),
  html_url: z.string().nullish(),
  /** Present only when the request was authenticated: what the token may do there. */
  permissions: z.object({ push: z.boolean(), pull: z.boolean().nullish(), admin: z.boolean().nullish() }).nullish(),
});
export type GhRepository = z.infer<typeof repository>;

const labelRef = z.union([z.string(), z.object({ name: z.string().nullish() })]);

export const issue = z.object({
  id,
  number: z.number().int(),
  html_url: z.string(),
  title: z.string(),
  state: z.string(),
  state_reason: z.string().nullish(),
  body: z.string().nullish(),
  user: z.object({ login: z.string() }).nullish(),
  labels: z.array(labelRef).nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  closed_at: z.string().nullish(),
  /** Present when the "issue" is a pull request (the issues list includes them). */
  pull_request: z.object({ url: z.string().nullish() }).passthrough().nullish(),
});
export type GhIssue = z.infer<typeof issue>;
export const issues = z.array(issue);

const branchRef = z.object({ ref: z.string(), sha: z.string() });

export const pull = z.object({
  id,
  number: z.number().int(),
  html_url: z.string(),
  title: z.string(),
  state: z.string(),
  body: z.string().nullish(),
  /** Only on the single-PR answer. */
  merged: z.boolean().nullish(),
  merged_at: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  closed_at: z.string().nullish(),
  user: z.object({ login: z.string() }).nullish(),
  head: branchRef,
  base: branchRef,
});
export type GhPull = z.infer<typeof pull>;
export const pulls = z.array(pull);

export const gitRef = z.object({
  ref: z.string(),
  object: z.object({ sha: z.string(), type: z.string().nullish() }),
});
export type GhRef = z.infer<typeof gitRef>;

/** A file (not a folder: GET contents of a folder answers a list, which this refuses). */
export const fileContent = z.object({
  type: z.literal('file'),
  path: z.string(),
  sha: z.string(),
  size: z.number().int().nullish(),
  encoding: z.string().nullish(),
  content: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type GhFileContent = z.infer<typeof fileContent>;

export const fileCommit = z.object({
  content: z.object({ path: z.string(), sha: z.string(), html_url: z.string().nullish() }).nullish(),
  commit: z.object({ sha: z.string().nullish() }),
});
export type GhFileCommit = z.infer<typeof fileCommit>;

/** GitHub's error body: `{ message, documentation_url, errors?: [{ resource, field, code, message }] }`. */
export const errorBody = z.object({
  message: z.string().optional(),
  documentation_url: z.string().optional(),
  errors: z
    .array(
      z.union([
        z.string(),
        z.object({
          resource: z.string().optional(),
          field: z.string().optional(),
          code: z.string().optional(),
          message: z.string().optional(),
        }),
      ]),
    )
    .optional(),
});
