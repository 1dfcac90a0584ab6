import { describe, expect, it } from 'vitest';
import { findBlame, nameVariants, sentencesOf } from '../../src/main/core/report/blameless';

const roster = ['Alice Smith', 'Bob Okafor', 'Yuvi'];

describe('the blameless-language check', () => {
  it.each([
    ['Alice broke the hub config during the upgrade.', 'Alice'],
    ['The outage happened because Bob forgot to renew the certificate.', 'Bob'],
    ["It was Yuvi's mistake in the helm values.", 'Yuvi'],
    ['The outage was caused by Alice Smith.', 'Alice Smith'],
    ['Bob accidentally deleted the user volume.', 'Bob'],
    ['alice failed to check the quota.', 'Alice'],
    ['The blame lies with Bob.', 'Bob'],
    ['Yuvi was careless with the rollout.', 'Yuvi'],
  ])('flags “%s” (points at %s) with a systemic suggestion', (text, name) => {
    const hits = findBlame(text, roster);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.name.toLowerCase()).toBe(name.toLowerCase());
    expect(hits[0]!.suggestion.toLowerCase()).not.toContain(name.toLowerCase());
    expect(hits[0]!.suggestion.length).toBeGreaterThan(20);
  });

  it('rewrites the common shapes into systemic phrasing', () => {
    expect(findBlame('The hub went down because Bob forgot to renew the certificate.', roster)[0]!.suggestion).toBe(
      'The hub went down because no step in our process made sure we would renew the certificate.',
    );
    expect(findBlame("Logins failed due to Yuvi's mistake.", roster)[0]!.suggestion).toBe(
      'Logins failed due to a gap in our process.',
    );
    expect(findBlame('The outage was caused by Alice.', roster)[0]!.suggestion).toBe(
      'The outage was caused by a change that our safeguards did not catch.',
    );
  });

  it.each([
    'Alice restarted the hub and logins recovered.',
    'Bob found that the node pool had hit its quota.',
    'The upgrade broke the authenticator; Alice rolled it back.',
    'Alice noticed the new image broke kernel start-up.',
    'Thanks to Yuvi for spotting the failing health check.',
    'The deploy forgot nothing: the config itself was wrong.',
    'Alicetown users could not log in because the proxy broke.',
    'Someone forgot to renew the certificate.',
  ])('does not flag “%s”', (text) => {
    expect(findBlame(text, roster)).toEqual([]);
  });

  it('checks each sentence and list item on its own', () => {
    const text = '- Alice restarted the hub.\n- Later Bob broke the proxy. Yuvi fixed it.\n\nAll good now.';
    expect(sentencesOf(text)).toEqual([
      'Alice restarted the hub.',
      'Later Bob broke the proxy.',
      'Yuvi fixed it.',
      'All good now.',
    ]);
    expect(findBlame(text, roster).map((h) => h.sentence)).toEqual(['Later Bob broke the proxy.']);
  });

  it('finds nothing without a roster, and ignores one-letter names', () => {
    expect(findBlame('Alice broke it.', [])).toEqual([]);
    expect(nameVariants(['A', 'Alice Smith'])).toEqual(['Alice Smith', 'Alice']);
  });
});
