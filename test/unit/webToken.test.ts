// The address a restarted web shell prints, pasted back into an open tab: the token is taken from it, and nothing
// else passes for one.
import { describe, expect, it } from 'vitest';
import { tokenFromPasted } from '../../src/renderer/src/api/webToken';

const token = 'q3J9xK2mZ8vB7nL4pT1wR6yH0sD5fG2a';

describe('tokenFromPasted', () => {
  it('takes the token from the printed address, with or without spaces around it', () => {
    expect(tokenFromPasted(`http://127.0.0.1:5180/#token=${token}`)).toBe(token);
    expect(tokenFromPasted(`  http://127.0.0.1:5180/#token=${token}\n`)).toBe(token);
  });
  it('takes a token pasted alone', () => {
    expect(tokenFromPasted(token)).toBe(token);
  });
  it('refuses what is not a token: words, an address without one, a query-string token, a short string', () => {
    expect(tokenFromPasted('not an address')).toBeNull();
    expect(tokenFromPasted('http://127.0.0.1:5180/')).toBeNull();
    expect(tokenFromPasted(`http://127.0.0.1:5180/?token=${token}`)).toBeNull();
    expect(tokenFromPasted('http://127.0.0.1:5180/#token=')).toBeNull();
    expect(tokenFromPasted('abc')).toBeNull();
  });
});
