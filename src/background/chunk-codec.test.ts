import { describe, expect, it } from 'vitest';
import { loadFixtures, replay } from '../../test/fixtures/webrequest/load.ts';
import { decodeChunk, encodeChunk } from './chunk-codec.ts';

describe('persisted chunk encoding', () => {
  const exchanges = loadFixtures('chromium').flatMap((f) => replay(f).exchanges);

  it('round-trips every recorded exchange exactly', () => {
    const encoded = structuredClone(encodeChunk(exchanges));
    expect(decodeChunk(encoded)).toEqual(exchanges);
  });

  it('writes each distinct header line once, well under the plain JSON size', () => {
    const encoded = encodeChunk(exchanges);
    const lines = encoded.lines.map(([n, v]) => `${n}\n${v}`);
    expect(new Set(lines).size).toBe(lines.length);
    expect(JSON.stringify(encoded).length).toBeLessThan(JSON.stringify(exchanges).length * 0.7);
  });
});
