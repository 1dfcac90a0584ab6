// Integration settings: vendor connections, tokens (write-only), the connection test, storage consent.
import { z } from 'zod';
import type { IntegrationsView, TestResult } from '../integrations';
import { vendors } from '../outbox';
import { event, op } from './define';

const token = z.string().trim().min(1, { message: 'is empty' }).max(512, { message: 'is too long' });

export const integrationOps = {
  'integrations.get': op<IntegrationsView>()(
    'Vendor settings, whether a token is stored (never the token), and how tokens are protected.',
    z.strictObject({}).optional().default({}),
  ),
  'integrations.save': op<IntegrationsView>()(
    "Save one vendor's settings and, optionally, replace its token. Invalid fields are refused by name.",
    z.strictObject({ vendor: z.enum(vendors), config: z.record(z.string(), z.unknown()), token: token.optional() }),
  ),
  'integrations.test': op<TestResult>()(
    "Call the vendor's identity endpoint with the saved settings and explain the answer in plain words.",
    z.strictObject({ vendor: z.enum(vendors) }),
  ),
  'integrations.acceptWeakStorage': op<IntegrationsView>()(
    'Choose whether tokens may be kept on disk without an OS keyring (encrypted file, key beside it).',
    z.strictObject({ accept: z.boolean() }),
  ),
};

export const integrationEvents = {
  'integrations.changed': event<IntegrationsView>(),
};
