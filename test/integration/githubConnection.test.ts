// GitHub in Connections: its settings with their defaults and named field errors, the token format, and "Test
// connection" saying who Conn is and, per configured repository, whether it may write there.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulators, SIM_GITHUB_LOGIN, type Simulators } from '../simulators';
import { simCore } from '../helpers/simCore';

let sim: Simulators | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  await sim?.stop();
});

async function setup() {
  sim = await startSimulators();
  const h = simCore(sim);
  close = () => h.close();
  return { sim, s: h.core.services.integrations };
}

describe('GitHub connection', () => {
  it('starts from the 2i2c defaults and names a wrong field', async () => {
    const { sim, s } = await setup();
    const view = s.save({ vendor: 'github', config: {}, token: sim.tokens.github });
    expect(view.vendors.find((v) => v.vendor === 'github')?.config).toEqual({
      apiUrl: '',
      actionItemRepo: '2i2c-org/infrastructure',
      labels: [],
      reportsRepo: '2i2c-org/incident-reports',
      reportsFolder: 'reports/',
    });
    expect(() => s.save({ vendor: 'github', config: { actionItemRepo: 'infrastructure' } })).toThrow(
      /config.actionItemRepo must be a repository like owner\/name/,
    );
    expect(() => s.save({ vendor: 'github', config: { apiUrl: 'http://github.example.com' } })).toThrow(
      /config.apiUrl/,
    );
    expect(() => s.save({ vendor: 'github', config: { reportsFolder: '../etc' } })).toThrow(/config.reportsFolder/);
    expect(() => s.save({ vendor: 'github', config: {}, token: 'not-a-token' })).toThrow(
      /fine-grained personal access token/,
    );
    const saved = s.save({
      vendor: 'github',
      config: { reportsFolder: 'reports', apiUrl: 'https://ghe.example.com/api/v3/' },
    });
    expect(saved.vendors.find((v) => v.vendor === 'github')?.config).toMatchObject({
      reportsFolder: 'reports/',
      apiUrl: 'https://ghe.example.com/api/v3',
    });
  });

  it('test connection says who Conn is and whether it can write to each configured repository', async () => {
    const { sim, s } = await setup();
    s.save({ vendor: 'github', config: {}, token: sim.tokens.github });
    const ok = await s.test({ vendor: 'github' });
    expect(ok).toMatchObject({ ok: true, vendor: 'github' });
    expect(ok.message).toBe(
      `Connected to GitHub as ${SIM_GITHUB_LOGIN} (Alice Jansen); ` +
        'action items: can write to 2i2c-org/infrastructure; ' +
        'reports: can write to 2i2c-org/incident-reports.',
    );

    s.save({ vendor: 'github', config: { reportsRepo: '2i2c-org/nowhere' }, token: sim.tokens.githubReadOnly });
    const partly = await s.test({ vendor: 'github' });
    expect(partly.ok).toBe(true);
    expect(partly.message).toMatch(/action items: can read 2i2c-org\/infrastructure but not write there/);
    expect(partly.message).toMatch(/reports: cannot see 2i2c-org\/nowhere/);

    sim.setToken('github', sim.tokens.githubReadOnly, true);
    const revoked = await s.test({ vendor: 'github' });
    expect(revoked.ok).toBe(false);
    expect(revoked.message).toMatch(/GitHub did not accept the token/);
    expect(revoked.message).not.toContain(sim.tokens.githubReadOnly);
  });

  it('without a GitHub connection nothing asks GitHub anything', async () => {
    const { sim, s } = await setup();
    expect((await s.test({ vendor: 'github' })).message).toMatch(/Save the GitHub settings and a token first/);
    expect(sim.requests({ vendor: 'github' })).toEqual([]);
  });
});
