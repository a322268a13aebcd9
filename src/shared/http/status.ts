/** Response status classes of the Fetch Standard. */

/** https://fetch.spec.whatwg.org/#ok-status: 200 to 299. */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** https://fetch.spec.whatwg.org/#redirect-status: 301, 302, 303, 307 or 308. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
