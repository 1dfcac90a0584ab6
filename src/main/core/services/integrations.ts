// Use cases for vendor connections: read settings (never tokens), save them validated, test them,
// and record the choice about weaker token storage. A new token resumes a vendor paused for reconnect.
import type Database from 'better-sqlite3';
import type { OpParsed } from '../../../shared/contract';
import {
  tokenFormats,
  vendorConfigs,
  type IntegrationsView,
  type TestResult,
  type VendorSettings,
} from '../../../shared/integrations';
import { vendors, type Vendor } from '../../../shared/outbox';
import { AppError } from '../../../shared/result';
import { settingsRepo } from '../db/repos/settings';
import { vendorStateRepo } from '../db/repos/vendorState';
import type { EventBus } from '../events';
import { toVendorFailure, type VendorFailure } from '../outbox/failures';
import type { Clock } from '../ports';
import type { CredentialSource, IdentifyPort, VendorCredentials } from '../secrets/credentials';
import type { Vault } from '../secrets/vault';
import { vendorLabels } from '../../../shared/labels';

const configKey = (v: Vendor) => `integrations.${v}`;

export interface IntegrationsServiceDeps {
  db: Database.Database;
  clock: Clock;
  bus: EventBus;
  vault: Vault;
  identify: IdentifyPort;
  redact: (text: string) => string;
  /** Credentials changed for a vendor: wake the dispatcher. */
  resumed: (vendor: Vendor) => void;
}

export function integrationsService(deps: IntegrationsServiceDeps) {
  const { db, clock, bus, vault } = deps;
  const settings = settingsRepo(db);
  const vendorState = vendorStateRepo(db);

  const configOf = <V extends Vendor>(vendor: V) => {
    const parsed = vendorConfigs[vendor].safeParse(settings.get(configKey(vendor)));
    return parsed.success ? parsed.data : undefined;
  };
  const credentials: CredentialSource = <V extends Vendor>(vendor: V) => {
    const config = configOf(vendor);
    const token = vault.token(vendor);
    return config && token ? ({ vendor, config, token } as VendorCredentials<V>) : undefined;
  };

  const view = (): IntegrationsView => ({
    storage: vault.storage(),
    vendors: vendors.map((vendor): VendorSettings => {
      const config = configOf(vendor);
      const token = vault.where(vendor);
      const s = vendorState.get(vendor);
      const configured = config !== undefined && token !== 'none';
      return {
        vendor,
        config: config ? { ...config } : null,
        token,
        connection: !configured ? 'not_configured' : s.state,
        reason: configured ? s.reason : null,
      };
    }),
  });
  const publish = () => {
    const v = view();
    bus.emit('integrations.changed', v);
    return v;
  };

  const explain = (vendor: Vendor, f: VendorFailure): string => {
    const name = vendorLabels[vendor];
    const said = deps.redact(f.message);
    switch (f.kind) {
      case 'auth':
        return (
          `${name} refused the token. Check that you copied all of it and that it has not been revoked, then ` +
          `save it again.`
        );
      case 'permission':
        return (
          `The token works, but ${name} says it lacks a permission (${said}). Add that scope or role and try ` +
          `again.`
        );
      case 'not_found':
        return vendor === 'freshdesk'
          ? `No Freshdesk account answered at that domain. Check the domain (like yourteam.freshdesk.com).`
          : `${name} could not find the account (${said}). Check the region and the ids.`;
      case 'network':
        return `Could not reach ${name}: there may be no network, or the address is wrong.`;
      case 'timeout':
        return `${name} did not answer in time. Check the network and try again.`;
      case 'rate_limited':
        return `${name} asks us to slow down; try again in ${Math.ceil((f.retryAfterMs ?? 30_000) / 1000)} seconds.`;
      case 'server':
        return `${name} had a problem on its side${f.status ? ` (HTTP ${f.status})` : ''}. Try again later.`;
      case 'validation':
      case 'conflict':
      case 'malformed':
        return `${name} answered something unexpected: ${said}`;
    }
  };

  return {
    credentials,
    isConfigured: (vendor: Vendor) => credentials(vendor) !== undefined,
    get: view,
    save(input: OpParsed<'integrations.save'>): IntegrationsView {
      const { vendor } = input;
      const parsed = vendorConfigs[vendor].safeParse(input.config);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({
          path: `config.${i.path.map(String).join('.') || '(all)'}`,
          message: i.message,
        }));
        throw new AppError(
          'invalid_input',
          `${vendorLabels[vendor]} settings: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
          { fields },
        );
      }
      if (input.token !== undefined && !tokenFormats[vendor].pattern.test(input.token)) {
        // Name the field and the expected shape; never echo what was typed.
        throw new AppError('invalid_input', `${vendorLabels[vendor]} token: expected ${tokenFormats[vendor].hint}.`, {
          fields: [{ path: 'token', message: `expected ${tokenFormats[vendor].hint}` }],
        });
      }
      settings.set(configKey(vendor), parsed.data);
      if (input.token !== undefined) {
        vault.setToken(vendor, input.token);
        vendorState.reconnected(vendor, clock.now());
      }
      const v = publish();
      deps.resumed(vendor);
      return v;
    },
    acceptWeakStorage({ accept }: OpParsed<'integrations.acceptWeakStorage'>): IntegrationsView {
      vault.accept(accept);
      return publish();
    },
    async test({ vendor }: OpParsed<'integrations.test'>): Promise<TestResult> {
      const creds = credentials(vendor);
      if (!creds) {
        return { ok: false, vendor, message: `Save the ${vendorLabels[vendor]} settings and a token first.` };
      }
      try {
        const who = await deps.identify(creds);
        if (vendorState.get(vendor).state === 'reconnect') {
          vendorState.reconnected(vendor, clock.now());
          publish();
          deps.resumed(vendor);
        }
        return { ok: true, vendor, message: `Connected to ${vendorLabels[vendor]} as ${deps.redact(who.name)}.` };
      } catch (err) {
        // The identify port may attach vendor-specific plain words (e.g. PagerDuty's From e-mail); prefer them.
        const own =
          err && typeof err === 'object' && 'explanation' in err && typeof err.explanation === 'string'
            ? err.explanation
            : null;
        return { ok: false, vendor, message: own ? deps.redact(own) : explain(vendor, toVendorFailure(err)) };
      }
    },
  };
}
export type IntegrationsService = ReturnType<typeof integrationsService>;
