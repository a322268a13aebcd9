import { describe, expect, it } from 'vitest';
import { firefoxMayHaveJudgedApart, unsafeOnlyCombined } from './init-pairs.ts';

const A = 'a'.repeat(100);
const B = 'b'.repeat(100);

// Combined values as a recording shows them; what Firefox 153.8 did with each as fetch() init
// pairs is in cors/VERIFIED.md ("A header given twice").
const ROWS: readonly { name: string; header: string; value: string; combinedOnly: boolean; firefoxApart: boolean }[] = [
  { name: 'text/plain twice: Firefox sends only the first Content-Type pair', header: 'Content-Type', value: 'text/plain, text/plain', combinedOnly: true, firefoxApart: false },
  { name: 'text/plain then multipart', header: 'content-type', value: 'text/plain, multipart/form-data; boundary=x', combinedOnly: true, firefoxApart: false },
  { name: 'text/plain then application/json fails alone', header: 'content-type', value: 'text/plain, application/json', combinedOnly: false, firefoxApart: false },
  { name: 'one MIME type', header: 'content-type', value: 'application/json', combinedOnly: false, firefoxApart: false },
  { name: 'two 100-byte Accepts', header: 'Accept', value: `${A}, ${B}`, combinedOnly: true, firefoxApart: true },
  { name: 'an item over 128 bytes fails alone', header: 'accept', value: `a, ${'b'.repeat(129)}`, combinedOnly: false, firefoxApart: false },
  { name: 'two single Ranges', header: 'range', value: 'bytes=0-1, bytes=2-3', combinedOnly: true, firefoxApart: true },
  { name: 'two short Accepts are safelisted whole too (callers ask only of unsafe values)', header: 'accept', value: 'a, b', combinedOnly: true, firefoxApart: true },
  { name: 'a name outside the safelist', header: 'x-a', value: '1, 2', combinedOnly: false, firefoxApart: false },
];

describe('a header given twice', () => {
  it.each(ROWS)('$name', ({ header, value, combinedOnly, firefoxApart }) => {
    expect({ combinedOnly: unsafeOnlyCombined(header, value), firefoxApart: firefoxMayHaveJudgedApart(header, value) }).toEqual({ combinedOnly, firefoxApart });
  });
});
