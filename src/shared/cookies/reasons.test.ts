import { describe, expect, it } from 'vitest';
import protocol from 'devtools-protocol/json/browser_protocol.json' with { type: 'json' };
import { COOKIE_BLOCKED_REASONS, COOKIE_EXEMPTION_REASONS, SET_COOKIE_BLOCKED_REASONS } from './reasons.ts';

/** The enum of a Network type in the devtools-protocol package the tests run against. */
function networkEnum(id: string): readonly string[] | undefined {
  const network = protocol.domains.find((d) => d.domain === 'Network');
  const type = network?.types?.find((t) => t.id === id);
  return type && 'enum' in type ? type.enum : undefined;
}

describe('Chromium reason names', () => {
  it.each([
    ['CookieBlockedReason', COOKIE_BLOCKED_REASONS],
    ['SetCookieBlockedReason', SET_COOKIE_BLOCKED_REASONS],
    ['CookieExemptionReason', COOKIE_EXEMPTION_REASONS],
  ] as const)('Network.%s is CDP\'s own enum', (id, ours) => {
    expect(networkEnum(id)).toEqual(ours);
  });
});
