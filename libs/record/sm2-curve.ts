/**
 * SM2 digital signatures (GM/T 0003.2, GB/T 32918.2) with SM3 (GM/T 0004) on
 * the recommended curve (GM/T 0003.5), as this project's record format fixes
 * them:
 *  - user id: the GM/T 0009 default, the 16 ASCII bytes "1234567812345678";
 *  - preprocessing: Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), e = SM3(Z ‖ M);
 *  - encoding: DER SEQUENCE { INTEGER r, INTEGER s } (GM/T 0009);
 *  - public keys: uncompressed, 04 ‖ x ‖ y, hex.
 * The scheme on BigInt arithmetic and bytes (Uint8Array), with no import of
 * Node's or the browser's: each brings its SM3 and its random bytes (sm2.ts for
 * Node, the web application's signing/sm2.ts for the browser, which has no SM2).
 * Checked against the standard's example and against sm-crypto both ways.
 */
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

export const SM2_DEFAULT_USER_ID = '1234567812345678';

type Point = { x: bigint; y: bigint } | null; // null: the point at infinity
type Jacobian = [bigint, bigint, bigint];

const mod = (a: bigint, m = P) => {
  const r = a % m;
  return r >= 0n ? r : r + m;
};
function inv(a: bigint, m = P): bigint {
  // Extended Euclid; a and m coprime.
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function jDouble([x, y, z]: Jacobian): Jacobian {
  if (y === 0n || z === 0n) return [0n, 1n, 0n];
  const y2 = mod(y * y);
  const s = mod(4n * x * y2);
  const z2 = mod(z * z);
  const m = mod(3n * x * x + A * z2 * z2);
  const x3 = mod(m * m - 2n * s);
  return [x3, mod(m * (s - x3) - 8n * y2 * y2), mod(2n * y * z)];
}
function jAdd(p: Jacobian, q: Jacobian): Jacobian {
  if (p[2] === 0n) return q;
  if (q[2] === 0n) return p;
  const [x1, y1, z1] = p;
  const [x2, y2, z2] = q;
  const z1z1 = mod(z1 * z1);
  const z2z2 = mod(z2 * z2);
  const u1 = mod(x1 * z2z2);
  const u2 = mod(x2 * z1z1);
  const s1 = mod(y1 * z2 * z2z2);
  const s2 = mod(y2 * z1 * z1z1);
  if (u1 === u2) return s1 === s2 ? jDouble(p) : [0n, 1n, 0n];
  const h = mod(u2 - u1);
  const r = mod(s2 - s1);
  const hh = mod(h * h);
  const hhh = mod(h * hh);
  const v = mod(u1 * hh);
  const x3 = mod(r * r - hhh - 2n * v);
  return [x3, mod(r * (v - x3) - s1 * hhh), mod(z1 * z2 * h)];
}
function toAffine([x, y, z]: Jacobian): Point {
  if (z === 0n) return null;
  const zi = inv(z);
  const zi2 = mod(zi * zi);
  return { x: mod(x * zi2), y: mod(y * zi2 * zi) };
}
function mul(k: bigint, pt: { x: bigint; y: bigint }): Point {
  let acc: Jacobian = [0n, 1n, 0n];
  let add: Jacobian = [pt.x, pt.y, 1n];
  for (let e = mod(k, N); e > 0n; e >>= 1n) {
    if (e & 1n) acc = jAdd(acc, add);
    add = jDouble(add);
  }
  return toAffine(acc);
}
/** P + Q with Q affine (Z = 1): fewer multiplications than jAdd, for table lookups. */
function jAddAffine(p: Jacobian, q: { x: bigint; y: bigint }): Jacobian {
  const [x1, y1, z1] = p;
  if (z1 === 0n) return [q.x, q.y, 1n];
  const z1z1 = mod(z1 * z1);
  const u2 = mod(q.x * z1z1);
  const s2 = mod(q.y * z1 * z1z1);
  if (x1 === u2) return y1 === s2 ? jDouble(p) : [0n, 1n, 0n];
  const h = mod(u2 - x1);
  const r = mod(s2 - y1);
  const hh = mod(h * h);
  const hhh = mod(h * hh);
  const v = mod(x1 * hh);
  const x3 = mod(r * r - hhh - 2n * v);
  return [x3, mod(r * (v - x3) - y1 * hhh), mod(z1 * h)];
}

/**
 * Fixed windows of `w` bits: table[(2^w - 1)·i + j - 1] = j·2^(w·i)·Q (j = 1..2^w - 1), affine. k·Q is then at most
 * 256/w mixed additions and no doublings: with 4 bits about five times faster than double-and-add. Building a table
 * costs about three multiplications at 4 bits, so a public key gets one when it is seen again (a bundle's keys sign
 * many entries); G has one of 8 bits (32 additions, not 64: a verification about a fifth faster, measured 0.81-0.92 →
 * 0.68-0.70 ms), made at its first use in about 8 ms and some 5 MB. Not constant-time, as BigInt arithmetic never is.
 */
type Table = { bits: number; points: { x: bigint; y: bigint }[] };
function windowTable(q: { x: bigint; y: bigint }, bits: number): Table {
  const per = (1 << bits) - 1;
  const points: Jacobian[] = [];
  let base: Jacobian = [q.x, q.y, 1n];
  for (let i = 0; i < Math.ceil(256 / bits); i++) {
    let acc = base;
    points.push(acc);
    for (let j = 2; j <= per; j++) points.push((acc = jAdd(acc, base)));
    base = jDouble(points[i * per + (per >> 1)]); // 2^w·base = 2·(2^(w-1)·base)
  }
  // One inversion for all (Montgomery's trick); no entry is the point at infinity, as n is a prime above 2^w.
  const prefix: bigint[] = [];
  let product = 1n;
  for (const [, , z] of points) prefix.push((product = mod(product * z)));
  let inverse = inv(product);
  const affine: Table['points'] = new Array(points.length);
  for (let i = points.length - 1; i >= 0; i--) {
    const [x, y, z] = points[i];
    const zi = i ? mod(inverse * prefix[i - 1]) : inverse;
    inverse = mod(inverse * z);
    const zi2 = mod(zi * zi);
    affine[i] = { x: mod(x * zi2), y: mod(y * zi2 * zi) };
  }
  return { bits, points: affine };
}
function mulTable(k: bigint, { bits, points }: Table): Jacobian {
  const per = (1 << bits) - 1;
  const mask = BigInt(per);
  const shift = BigInt(bits);
  let acc: Jacobian = [0n, 1n, 0n];
  let e = mod(k, N);
  for (let i = 0; e > 0n; i++, e >>= shift) {
    const digit = Number(e & mask);
    if (digit) acc = jAddAffine(acc, points[i * per + digit - 1]);
  }
  return acc;
}
let gTable: Table | undefined;
const tableOfG = () => (gTable ??= windowTable(G, 8));
const mulG = (k: bigint): Point => toAffine(mulTable(k, tableOfG()));

/** Public keys seen: once (no table yet) or with their table; bounded, as a bundle names few keys. */
const keyTables = new Map<string, Table | null>();
function mulPublic(k: bigint, hex: string, pub: { x: bigint; y: bigint }): Jacobian {
  const seen = keyTables.get(hex);
  if (seen) return mulTable(k, seen);
  if (keyTables.size >= 256) keyTables.clear();
  if (seen === null) {
    const table = windowTable(pub, 4);
    keyTables.set(hex, table);
    return mulTable(k, table);
  }
  keyTables.set(hex, null);
  const p = mul(k, pub);
  return p ? [p.x, p.y, 1n] : [0n, 1n, 0n];
}

function onCurve({ x, y }: { x: bigint; y: bigint }): boolean {
  return x < P && y < P && mod(y * y - (x * x * x + A * x + B)) === 0n;
}

const G = { x: GX, y: GY };
const hex32 = (n: bigint) => n.toString(16).padStart(64, '0');
const big = (hex: string) => BigInt(`0x${hex}`);
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
export const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
export const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** What an environment brings: SM3 over the parts in turn, and cryptographically random bytes. */
export interface Sm2Environment {
  sm3(...parts: Uint8Array[]): Uint8Array;
  randomBytes(n: number): Uint8Array;
}

export function parsePublicKey(hex: string): { x: bigint; y: bigint } {
  const h = hex.toLowerCase();
  if (!/^04[0-9a-f]{128}$/.test(h)) throw new Error('an SM2 public key is 04 followed by 64 hex digits of x and 64 of y');
  const pt = { x: big(h.slice(2, 66)), y: big(h.slice(66)) };
  if (!onCurve(pt)) throw new Error('the SM2 public key is not a point of the curve');
  return pt;
}

export function publicKeyOf(privateKeyHex: string): string {
  const d = big(privateKeyHex);
  if (d < 1n || d >= N - 1n) throw new Error('an SM2 private key is an integer from 1 to n-2');
  const pub = mulG(d)!;
  return `04${hex32(pub.x)}${hex32(pub.y)}`;
}

/** The scheme's operations over the environment's SM3 and random bytes. */
export function sm2Over(env: Sm2Environment) {
  /** Z_A of GM/T 0003.2 section 5.5: the same for every signature of a key, so kept for the keys seen last. */
  const userHashes = new Map<string, Uint8Array>();
  const userHash = (publicKeyHex: string, userId = SM2_DEFAULT_USER_ID): Uint8Array => {
    const key = `${userId}\u0000${publicKeyHex.toLowerCase()}`;
    const known = userHashes.get(key);
    if (known) return known;
    const id = new TextEncoder().encode(userId);
    const bits = id.length * 8;
    const { x, y } = parsePublicKey(publicKeyHex);
    const z = env.sm3(Uint8Array.of(bits >> 8, bits & 255), id, ...[A, B, GX, GY, x, y].map((n) => fromHex(hex32(n))));
    if (userHashes.size >= 256) userHashes.clear();
    userHashes.set(key, z);
    return z;
  };
  /** e = SM3(Z_A ‖ M), the value actually signed. */
  const messageDigest = (publicKeyHex: string, message: Uint8Array, userId = SM2_DEFAULT_USER_ID): Uint8Array => env.sm3(userHash(publicKeyHex, userId), message);
  /** A scalar from 1 to n-2, from 32 random bytes (retried in the rare case one falls outside). */
  const randomScalar = (): bigint => {
    for (;;) {
      const d = big(toHex(env.randomBytes(32)));
      if (d >= 1n && d < N - 1n) return d;
    }
  };
  return {
    userHash,
    messageDigest,
    generateKeyPair(): { privateKey: string; publicKey: string } {
      const d = hex32(randomScalar());
      return { privateKey: d, publicKey: publicKeyOf(d) };
    },
    sign(privateKeyHex: string, message: Uint8Array, opts: { userId?: string; k?: string } = {}): Uint8Array {
      const d = big(privateKeyHex);
      const e = big(toHex(messageDigest(publicKeyOf(privateKeyHex), message, opts.userId)));
      for (;;) {
        const k = opts.k ? big(opts.k) : randomScalar();
        const kg = mulG(k)!;
        const r = mod(e + kg.x, N);
        if (r === 0n || r + k === N) {
          if (opts.k) throw new Error('the given k does not give a signature');
          continue;
        }
        const s = mod(inv(1n + d, N) * (k - r * d), N);
        if (s === 0n) {
          if (opts.k) throw new Error('the given k does not give a signature');
          continue;
        }
        return derEncode(r, s);
      }
    },
    verify(publicKeyHex: string, message: Uint8Array, signature: Uint8Array, userId = SM2_DEFAULT_USER_ID): boolean {
      let pub: { x: bigint; y: bigint };
      let r: bigint;
      let s: bigint;
      try {
        pub = parsePublicKey(publicKeyHex);
        [r, s] = derDecode(signature);
      } catch {
        return false;
      }
      if (r < 1n || r >= N || s < 1n || s >= N) return false;
      const t = mod(r + s, N);
      if (t === 0n) return false;
      const e = big(toHex(messageDigest(publicKeyHex, message, userId)));
      const pt = toAffine(jAdd(mulTable(s, tableOfG()), mulPublic(t, publicKeyHex.toLowerCase(), pub)));
      if (!pt) return false;
      return mod(e + pt.x, N) === r;
    },
  };
}

// ---- DER: SEQUENCE { INTEGER r, INTEGER s } ----

function derInt(n: bigint): Uint8Array {
  let b = fromHex(hex32(n));
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b[0] & 0x80) b = concat(Uint8Array.of(0), b);
  return concat(Uint8Array.of(0x02, b.length), b);
}
export function derEncode(r: bigint, s: bigint): Uint8Array {
  const body = concat(derInt(r), derInt(s));
  return concat(Uint8Array.of(0x30, body.length), body);
}
export function derDecode(sig: Uint8Array): [bigint, bigint] {
  // Strict DER: short lengths only (a signature is at most 72 bytes), minimal positive integers.
  if (sig.length < 8 || sig[0] !== 0x30 || sig[1] !== sig.length - 2) throw new Error('not a DER SEQUENCE of the right length');
  const out: bigint[] = [];
  let i = 2;
  for (let k = 0; k < 2; k++) {
    if (sig[i] !== 0x02) throw new Error('expected a DER INTEGER');
    const len = sig[i + 1];
    const v = sig.subarray(i + 2, i + 2 + len);
    if (len === 0 || v.length !== len || v[0] & 0x80 || (len > 1 && v[0] === 0 && !(v[1] & 0x80))) throw new Error('not a minimal positive DER INTEGER');
    out.push(big(toHex(v)));
    i += 2 + len;
  }
  if (i !== sig.length) throw new Error('trailing bytes after the DER SEQUENCE');
  return [out[0], out[1]];
}
