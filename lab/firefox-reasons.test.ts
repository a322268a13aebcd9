import { describe, expect, it } from 'vitest';
import { parseFirefoxCorsMessage } from './firefox-reasons.ts';

const AT = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://127.0.0.1:1/s/x/0/0?run=r.';

describe('parseFirefoxCorsMessage', () => {
  it.each([
    [`${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.`, 'CORSMissingAllowOrigin2', null, '500'],
    [`${AT} (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://example.com’).`, 'CORSAllowOriginNotMatchingOrigin', 'http://example.com', null],
    [`${AT} (Reason: header ‘x-api-key’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`, 'CORSMissingAllowHeaderFromPreflight2', 'x-api-key', null],
    [`${AT} (Reason: invalid token ‘PUT;’ in CORS header ‘Access-Control-Allow-Methods’).`, 'CORSInvalidAllowMethod', 'PUT;', null],
    [`${AT} (Reason: CORS preflight response did not succeed). Status code: 404.`, 'CORSPreflightDidNotSucceed3', null, '404'],
    [`${AT} (Reason: CORS request did not succeed). Status code: (null).`, 'CORSDidNotSucceed2', null, '(null)'],
  ])('%s', (text, key, param, status) => {
    const r = parseFirefoxCorsMessage(text);
    expect(r).toMatchObject({ key, param, status, url: 'http://127.0.0.1:1/s/x/0/0?run=r' });
  });

  it('reads the quoted URL of the credentials message', () => {
    const text = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘http://127.0.0.1:1/a’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).';
    expect(parseFirefoxCorsMessage(text)).toMatchObject({ key: 'CORSNotSupportingCredentials', url: 'http://127.0.0.1:1/a' });
  });

  it('ignores other console text', () => {
    expect(parseFirefoxCorsMessage('TypeError: NetworkError when attempting to fetch resource.')).toBeNull();
  });
});
