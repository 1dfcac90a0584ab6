// Entry point for tests and the sandbox: start the simulators, seed them, and the known tokens.
import type { Simulators } from './server';

export { startSimulators } from './server';
export type { Simulators, StartOptions, SimState } from './server';
export { SIM_TOKENS, SIM_FROM_EMAIL, SIM_TICKET_ID, SIM_GITHUB_LOGIN } from './seed';
export { snapshot } from './control';
export type { FaultAction, LoggedRequest, SimVendor } from './types';

/** Resets the simulators to the realistic account: people, services, the "cannot start servers" ticket, canned
 * responses. */
export function seedRealisticAccount(sim: Simulators): void {
  sim.reset('realistic');
}
