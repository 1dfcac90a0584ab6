// Vendor connection settings: what the user configures per vendor, validated with the field named.
// Tokens are accepted on input only; nothing here ever carries a stored token back out.
import { z } from 'zod';
import type { Vendor } from './outbox';

const email = z
  .string()
  .trim()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address like ic@example.com' });

export const pagerdutyConfig = z.strictObject({
  fromEmail: email,
  defaultServiceId: z
    .string()
    .trim()
    .regex(/^P[A-Z0-9]{5,13}$/, { message: 'must be a PagerDuty service id like PABC123' }),
  region: z.enum(['us', 'eu']).default('us'),
});

export const freshdeskConfig = z.strictObject({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}\.freshdesk\.com$/, {
      message: 'must be your Freshdesk domain like yourteam.freshdesk.com',
    }),
});

/** `YYYYMMDD` and `<hub>` are filled in when the channel is created; the rest must already be a valid Slack name. */
export const slackChannelPattern = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(80, { message: 'is longer than 80 characters' })
  .refine((s) => /^[a-z0-9_-]+$/.test(s.replace(/YYYYMMDD|<hub>/g, '')), {
    message: 'may only use lowercase letters, digits, - and _, plus YYYYMMDD and <hub>',
  });

const invitee = z
  .string()
  .trim()
  .refine((s) => /^[UW][A-Z0-9]{6,}$/.test(s) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), {
    message: 'each invitee must be an email address or a Slack member id like U0123ABCD',
  });

export const slackConfig = z.strictObject({
  channelPattern: slackChannelPattern.default('inc-YYYYMMDD-<hub>'),
  defaultInvitees: z.array(invitee).max(50).default([]),
});

/** `owner/name`, GitHub's own rules: owner letters, digits and single hyphens; name letters, digits, `.`, `-`, `_`. */
export const githubRepo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, {
    message: 'must be a repository like owner/name',
  });

/** Splits `owner/name` (validated with `githubRepo` first). */
export function splitRepo(repo: string): { owner: string; repo: string } {
  const [owner = '', name = ''] = repo.trim().split('/');
  return { owner, repo: name };
}

export const githubConfig = z.strictObject({
  /** GitHub Enterprise Server's API root (https://github.example.com/api/v3); empty means github.com. */
  apiUrl: z
    .string()
    .trim()
    .refine((s) => s === '' || /^https:\/\/[^\s/]+(\/\S*)?$/.test(s), {
      message: 'must be an https:// address like https://github.example.com/api/v3, or empty for github.com',
    })
    .transform((s) => s.replace(/\/+$/, ''))
    .default(''),
  /** Where action items become issues unless an item names another repository. */
  actionItemRepo: githubRepo.default('2i2c-org/infrastructure'),
  /** Labels added to every issue Conn opens. */
  labels: z
    .array(z.string().trim().min(1, { message: 'a label may not be empty' }).max(50))
    .max(20)
    .default([]),
  /** Where published reports go. */
  reportsRepo: githubRepo.default('2i2c-org/incident-reports'),
  reportsFolder: z
    .string()
    .trim()
    .refine((s) => !s.startsWith('/') && !s.split('/').includes('..'), {
      message: 'must be a folder inside the repository like reports/',
    })
    .transform((s) => (s === '' || s.endsWith('/') ? s : `${s}/`))
    .default('reports/'),
});

export const vendorConfigs = {
  pagerduty: pagerdutyConfig,
  freshdesk: freshdeskConfig,
  slack: slackConfig,
  github: githubConfig,
} as const;
export type VendorConfig<V extends Vendor> = z.output<(typeof vendorConfigs)[V]>;

export const tokenFormats: Record<Vendor, { pattern: RegExp; hint: string }> = {
  pagerduty: { pattern: /^[A-Za-z0-9_+=-]{20,64}$/, hint: 'a PagerDuty REST API key (20 letters, digits, - _ or +)' },
  freshdesk: {
    pattern: /^[A-Za-z0-9]{16,40}$/,
    hint: 'a Freshdesk API key (letters and digits, from your profile settings)',
  },
  slack: { pattern: /^xoxb-[A-Za-z0-9-]{10,}$/, hint: 'a Slack bot token starting with xoxb-' },
  // Fine-grained tokens (github_pat_…) are what the README asks for; a classic token (ghp_…) works the same way.
  github: {
    pattern: /^(github_pat_[A-Za-z0-9_]{20,255}|ghp_[A-Za-z0-9]{30,255})$/,
    hint: 'a GitHub fine-grained personal access token starting with github_pat_',
  },
};

export type SecretBackend = 'keyring' | 'file' | 'none';
export type ConnectionState = 'not_configured' | 'ok' | 'reconnect';

export interface StorageInfo {
  backend: SecretBackend;
  /** True when an OS keyring protects the tokens. */
  strong: boolean;
  /** The user chose to keep tokens on disk even without an OS keyring. */
  weakAccepted: boolean;
  /** Plain-words warning to show, or null. */
  warning: string | null;
}

export interface VendorSettings {
  vendor: Vendor;
  config: Record<string, unknown> | null;
  /** 'stored': on disk through the secret store; 'session': in memory until Conn quits; 'none'. */
  token: 'stored' | 'session' | 'none';
  connection: ConnectionState;
  reason: string | null;
}

export interface IntegrationsView {
  storage: StorageInfo;
  vendors: VendorSettings[];
}

export interface TestResult {
  ok: boolean;
  vendor: Vendor;
  /** Plain words: who we are connected as, or what went wrong and what to do. */
  message: string;
}
