/**
 * Content-coding negotiation for the page cache (RFC 9110 §12.5.3): which of the codings a
 * page is kept in the reader's `Accept-Encoding` asks for, and the `Vary` value that says the
 * answer depends on it.
 *
 * A small function rather than `negotiator` (already a dependency, for Accept-Language): its
 * typings have no way to state our preference on ties (br before gzip whatever order the
 * header lists them in), and it counts `q=0` as the lowest quality when weighing the implicit
 * identity. The rules here:
 * - q-values are parsed strictly (`0`, `0.5`, `1.000`; at most three decimals); an element with
 *   a malformed q is ignored, so a garbled entry never makes us send a coding.
 * - `q=0` refuses a coding; `*` stands for every coding not listed; `x-gzip` is `gzip`.
 * - identity is acceptable unless refused (`identity;q=0`, or `*;q=0` without `identity`), but
 *   when not listed it is the last resort: any listed coding with q > 0 beats it.
 * - Equal q-values go to the smaller body: br, then gzip, then identity.
 * - No header, or an empty one, means identity (what nginx and Apache do, and what clients
 *   without decompression expect). When everything is refused, identity is sent anyway: a
 *   page is never answered with 406.
 */

/** The codings a cached page can be sent in. */
export type Coding = 'br' | 'gzip' | 'identity';

/** Our order on ties: the smallest body first. */
const PREFERENCE: readonly Coding[] = ['br', 'gzip', 'identity'];

/** Weight of an identity nobody listed: acceptable, below any q a header can state (0.001). */
const IMPLICIT_IDENTITY = 0.0001;

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

type Weights = Readonly<Record<Coding, number>>;

const IDENTITY_ONLY: Weights = { br: 0, gzip: 0, identity: 1 };

/** Parses one header into the weight of each coding we hold. */
export function weightsOf(header: string | undefined): Weights {
  if (header === undefined || header.trim() === '') return IDENTITY_ONLY;
  const listed = new Map<string, number>();
  for (const element of header.split(',')) {
    const [rawToken = '', ...params] = element.split(';');
    let token = rawToken.trim().toLowerCase();
    if (token === '') continue;
    if (token === 'x-gzip') token = 'gzip';
    let q: number | undefined = 1;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const value = param.slice(eq + 1).trim();
      q = QVALUE.test(value) ? Number(value) : undefined;
    }
    if (q === undefined) continue;
    // A coding listed twice keeps its higher weight.
    listed.set(token, Math.max(q, listed.get(token) ?? 0));
  }
  const star = listed.get('*');
  return {
    br: listed.get('br') ?? star ?? 0,
    gzip: listed.get('gzip') ?? star ?? 0,
    identity: listed.get('identity') ?? star ?? IMPLICIT_IDENTITY,
  };
}

/** Browsers send a handful of distinct headers: each is parsed once (bounded, then reset). */
const parsed = new Map<string, Weights>();
const PARSED_LIMIT = 256;

function remember(header: string): Weights {
  const weights = weightsOf(header);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(header, weights);
  return weights;
}

/**
 * The coding to send, among `available` (identity is always available): the highest weight,
 * br before gzip before identity on ties, identity when the reader accepts none of them.
 */
export function chooseEncoding(header: string | undefined, available: readonly Coding[]): Coding {
  const weights = header === undefined ? IDENTITY_ONLY : (parsed.get(header) ?? remember(header));
  let best: Coding = 'identity';
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    if (coding !== 'identity' && !available.includes(coding)) continue;
    if (weights[coding] > bestWeight) {
      best = coding;
      bestWeight = weights[coding];
    }
  }
  return best;
}

/**
 * `existing` Vary value with `field` added once (case-insensitive); a `*` stays as it is.
 * Fastify's getHeader may hand back a number or a list: both are read as comma lists.
 */
export function varyWith(existing: string | number | string[] | undefined, field: string): string {
  const fields = (Array.isArray(existing) ? existing.join(',') : String(existing ?? ''))
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const wanted = field.toLowerCase();
  if (fields.some((f) => f === '*' || f.toLowerCase() === wanted)) return fields.join(', ');
  return [...fields, field].join(', ');
}
