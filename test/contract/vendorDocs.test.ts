// The vendor documents the contract suite reads are the shared design folder's, unmodified: when ../shared/specs is
// beside the checkout, each copy in test/contract/vendor-docs must be byte-identical to it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedSpecsBeside, sharedSpecsDir } from './vendorDocs';

const files = ['API-CONTRACTS.md', 'pagerduty-rest-openapiv3.json', 'slack-web-openapi-v2.json'];
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('vendor documents', () => {
  it('are all here, and equal to the shared folder when it is beside the checkout', () => {
    const dir = sharedSpecsDir();
    for (const f of files) expect(existsSync(path.join(dir, f)), f).toBe(true);
    if (!existsSync(sharedSpecsBeside)) {
      process.stdout.write(`vendor documents: no ${sharedSpecsBeside} to compare with; the kept copies are used\n`);
      return;
    }
    for (const f of files) expect(digest(path.join(dir, f)), f).toBe(digest(path.join(sharedSpecsBeside, f)));
  });
});
