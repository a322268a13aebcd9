/**
 * A tiny valid TrueType font (two glyphs: `.notdef` and `A`, both a box), built in code so the lab
 * can serve a web font without shipping a binary. Browsers run every downloaded font through a
 * sanitizer (OTS in Chromium and Firefox) and refuse a malformed one, which the page could not
 * tell from a CORS failure; so every table the sanitizer requires is here, well-formed:
 * https://learn.microsoft.com/typography/opentype/spec/otff#font-tables
 */

const UNITS_PER_EM = 1000;
const ADVANCE = 600;
const BOX = { xMax: 500, yMax: 700 } as const;
const FAMILY = 'CORS Lab';

/** Big-endian field writer: `[bytes, value]` pairs (negative values are two's complement). */
function be(...fields: readonly (readonly [bytes: 1 | 2 | 4, value: number])[]): Buffer {
  const out = Buffer.alloc(fields.reduce((n, [bytes]) => n + bytes, 0));
  let at = 0;
  for (const [bytes, value] of fields) {
    out.writeUIntBE(bytes === 4 ? value >>> 0 : value & (bytes === 2 ? 0xffff : 0xff), at, bytes);
    at += bytes;
  }
  return out;
}

const u16 = (v: number): readonly [2, number] => [2, v];
const u32 = (v: number): readonly [4, number] => [4, v];

/** One glyph: a closed box of four on-curve points (a "simple glyph", x/y as int16 deltas). */
function boxGlyph(): Buffer {
  const xs = [0, 0, BOX.xMax, 0];
  const ys = [0, BOX.yMax, 0, -BOX.yMax];
  return be(u16(1), u16(0), u16(0), u16(BOX.xMax), u16(BOX.yMax), u16(3), u16(0), [1, 1], [1, 1], [1, 1], [1, 1], ...xs.map(u16), ...ys.map(u16));
}

/** `cmap` with one format-4 subtable (Windows, Unicode BMP): `A` → glyph 1. */
function cmap(): Buffer {
  const A = 0x41;
  const subtable = be(u16(4), u16(32), u16(0), u16(4), u16(4), u16(1), u16(0), u16(A), u16(0xffff), u16(0), u16(A), u16(0xffff), u16(1 - A), u16(1), u16(0), u16(0));
  return Buffer.concat([be(u16(0), u16(1), u16(3), u16(1), u32(12)), subtable]);
}

/** `name` with the family, style, unique, full and PostScript names (Windows, en-US, UTF-16BE). */
function name(): Buffer {
  const records: [id: number, text: string][] = [[1, FAMILY], [2, 'Regular'], [3, FAMILY], [4, FAMILY], [6, 'CORSLab-Regular']];
  const strings = records.map(([, text]) => Buffer.from(text, 'utf16le').swap16());
  let offset = 0;
  const heads = records.map(([id], i) => {
    const length = strings[i]?.length ?? 0;
    const head = be(u16(3), u16(1), u16(0x409), u16(id), u16(length), u16(offset));
    offset += length;
    return head;
  });
  return Buffer.concat([be(u16(0), u16(records.length), u16(6 + 12 * records.length)), ...heads, ...strings]);
}

function tables(): Record<string, Buffer> {
  const glyph = boxGlyph();
  return {
    'OS/2': Buffer.concat([
      be(u16(1), u16(ADVANCE), u16(400), u16(5), u16(0), u16(650), u16(600), u16(0), u16(75), u16(650), u16(600), u16(0), u16(350), u16(50), u16(300), u16(0)),
      Buffer.alloc(10), // PANOSE
      be(u32(1), u32(0), u32(0), u32(0)),
      Buffer.from('NONE', 'latin1'),
      be(u16(0x40), u16(0x41), u16(0x41), u16(800), u16(-200), u16(0), u16(800), u16(200), u32(1), u32(0)),
    ]),
    cmap: cmap(),
    glyf: Buffer.concat([glyph, glyph]),
    head: be(u32(0x10000), u32(0x10000), u32(0), u32(0x5f0f3cf5), u16(0x000b), u16(UNITS_PER_EM), u32(0), u32(0), u32(0), u32(0), u16(0), u16(0), u16(BOX.xMax), u16(BOX.yMax), u16(0), u16(8), u16(2), u16(0), u16(0)),
    hhea: be(u32(0x10000), u16(800), u16(-200), u16(0), u16(ADVANCE), u16(0), u16(ADVANCE - BOX.xMax), u16(BOX.xMax), u16(1), u16(0), u16(0), u16(0), u16(0), u16(0), u16(0), u16(0), u16(2)),
    hmtx: be(u16(ADVANCE), u16(0), u16(ADVANCE), u16(0)),
    // Short offsets (offset / 2): glyph 0 at 0, glyph 1 after it, the end after both.
    loca: be(u16(0), u16(glyph.length / 2), u16(glyph.length)),
    maxp: be(u32(0x10000), u16(2), u16(4), u16(1), u16(0), u16(0), u16(2), u16(0), u16(0), u16(0), u16(0), u16(0), u16(0), u16(0), u16(0)),
    name: name(),
    post: be(u32(0x30000), u32(0), u16(-100), u16(50), u32(0), u32(0), u32(0), u32(0), u32(0)),
  };
}

function padded(b: Buffer): Buffer {
  return b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]);
}

function checksum(b: Buffer): number {
  const p = padded(b);
  let sum = 0;
  for (let i = 0; i < p.length; i += 4) sum = (sum + p.readUInt32BE(i)) >>> 0;
  return sum;
}

let built: Buffer | null = null;

/** The font file (`font/ttf`), built once. */
export function labFont(): Buffer {
  if (built !== null) return built;
  const entries = Object.entries(tables()).sort(([a], [b]) => (a < b ? -1 : 1));
  const count = entries.length;
  const power = 2 ** Math.floor(Math.log2(count));
  const header = be(u32(0x10000), u16(count), u16(power * 16), u16(Math.log2(power)), u16(count * 16 - power * 16));
  let offset = header.length + count * 16;
  const directory: Buffer[] = [];
  for (const [tag, data] of entries) {
    directory.push(Buffer.concat([Buffer.from(tag, 'latin1'), be(u32(checksum(data)), u32(offset), u32(data.length))]));
    offset += padded(data).length;
  }
  const font = Buffer.concat([header, ...directory, ...entries.map(([, data]) => padded(data))]);
  // head.checkSumAdjustment: 0xB1B0AFBA minus the whole font's checksum.
  const headOffset = header.length + count * 16 + entries.slice(0, entries.findIndex(([tag]) => tag === 'head')).reduce((n, [, d]) => n + padded(d).length, 0);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  built = font;
  return font;
}
