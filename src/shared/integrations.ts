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

export const vendorConfigs = { pagerduty: pagerdutyConfig, freshdesk: freshdeskConfig, slack: slackConfig } as const;
export type VendorConfig<V extends Vendor> = z.output<(typeof vendorConfigs)[V]>;

export const tokenFormats: Record<Vendor, { pattern: RegExp; hint: string }> = {
  pagerduty: { pattern: /^[A-Za-z0-9_+=-]{20,64}$/, hint: 'a PagerDuty REST API key (20 letters, digits, - _ or +)' },
  freshdesk: {
    pattern: /^[A-Za-z0-9]{16,40}$/,
    hint: 'a Freshdesk API key (letters and digits, from your profile settings)',
  },
  slack: { pattern: /^xoxb-[A-Za-z0-9-]{10,}$/, hint: 'a Slack bot token starting with xoxb-' },
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
