import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';

/** Randomness, injected so tests can pin ids and jitter. */
export interface Random {
  /** A random UUID (version 4): what goes on the wire, as RingCentral's own ids and uuids are. */
  uuid(): string;
  /**
   * A primary key for a row written at a high rate (events, deliveries): a UUID version 7 from the
   * system, so keys come in creation order. Anything unique and increasing in tests.
   */
  id(): string;
  /** A uniform float in [0, 1). */
  float(): number;
  /** URL-safe random string with `bytes` bytes of entropy. */
  token(bytes: number): string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then a 12-bit counter that keeps
 * ids made in the same millisecond in order (§6.2, method 1), then 62 random bits.
 *
 * Why not random v4 ids: every id is a primary key, and the deliveries and attempts tables take
 * thousands of rows a second. Random keys land on random B-tree pages, so each commit rewrote
 * most of the index (8 page writes per delivery, measured with strace at fan-out 10); ordered
 * keys append to the last page (docs/performance.md).
 */
export function uuidV7Generator(now: () => number = Date.now): () => string {
  const pool = Buffer.alloc(4096);
  let offset = pool.length;
  let lastMs = -1;
  let counter = 0;
  return () => {
    if (offset + 10 > pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    let ms = now();
    if (ms > lastMs) {
      // A fresh random start below 2^11 leaves room to count up within the millisecond.
      counter = ((pool[offset] ?? 0) << 3) | ((pool[offset + 1] ?? 0) & 0x07);
      lastMs = ms;
    } else {
      counter += 1;
      if (counter > 0xfff) {
        lastMs += 1; // borrow the next millisecond rather than go backwards
        counter = 0;
      }
      ms = lastMs;
    }
    const b = new Array<number>(16);
    for (let i = 5; i >= 0; i--) {
      b[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    b[6] = 0x70 | (counter >> 8);
    b[7] = counter & 0xff;
    b[8] = 0x80 | ((pool[offset + 2] ?? 0) & 0x3f);
    for (let i = 9; i < 16; i++) b[i] = pool[offset + i - 6] ?? 0;
    offset += 10;
    const h = b.map((x) => HEX[x]);
    return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
  };
}

export const systemRandom: Random = {
  uuid: () => randomUUID(),
  id: uuidV7Generator(),
  float: () => Math.random(),
  token: (bytes) => randomBytes(bytes).toString('base64url'),
};
