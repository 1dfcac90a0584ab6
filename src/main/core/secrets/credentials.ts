// Credentials per vendor as the integration clients need them: validated settings plus the token.
// Only the core's clients see these; they never cross to the renderer.
import type { VendorConfig } from '../../../shared/integrations';
import type { Vendor } from '../../../shared/outbox';

export interface VendorCredentials<V extends Vendor = Vendor> {
  vendor: V;
  config: VendorConfig<V>;
  token: string;
}

/** Current credentials for a vendor, or undefined when it is not fully set up. Read at each use (tokens change). */
export type CredentialSource = <V extends Vendor>(vendor: V) => VendorCredentials<V> | undefined;

/** Who the token belongs to, from the vendor's identity endpoint. Throws VendorFailure-shaped errors. */
export type IdentifyPort = (creds: VendorCredentials) => Promise<{ name: string }>;

/** Replaces every known token in a text with [token]: a last line of defence for logs and error messages. */
export function redactor(tokens: () => Array<string | undefined>): (text: string) => string {
  return (text) => {
    let out = text;
    for (const t of tokens()) if (t && t.length >= 6) out = out.split(t).join('[token]');
    return out;
  };
}
