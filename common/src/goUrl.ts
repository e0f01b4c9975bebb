// Go's net/url.Parse, for its refusals only (Go 1.24, url.go: parse, getScheme, parseAuthority, parseHost,
// validOptionalPort, unescape), and what an http.Transport refuses before it connects. The operator calls url.Parse on
// a Module's httpURL (webhook) and a Helm repo (HelmModuleSpec.Validate), and http.NewRequest on a Custom repo.file.

const goQuote = (s: string): string => JSON.stringify(s);

/** url.Parse's error text (`parse "<url>": <reason>`) and its innermost reason, or undefined when Go accepts it. */
export function goUrlParse(raw: string): { error: string; reason: string } | undefined {
  const reason = parseReason(raw);
  return reason === undefined ? undefined : { error: `parse ${goQuote(raw)}: ${reason}`, reason };
}

/** What http.Client.Do refuses on a parsed URL before any connection (transport.go roundTrip). */
export function goTransportRefusal(raw: string): string | undefined {
  const scheme = schemeOf(raw);
  if (scheme === undefined) return undefined; // url.Parse refused it already
  const lower = scheme.toLowerCase();
  if (lower !== 'http' && lower !== 'https') return `unsupported protocol scheme ${goQuote(lower)}`;
  const rest = raw.slice(scheme.length + 1).replace(/#.*$/s, '');
  const host = rest.startsWith('//') ? hostPart(rest.slice(2)) : '';
  if (host === '') return 'http: no Host in request URL';
  return undefined;
}

function hostPart(authorityAndPath: string): string {
  const authority = authorityAndPath.split(/[/?]/)[0] ?? '';
  const at = authority.lastIndexOf('@');
  return at < 0 ? authority : authority.slice(at + 1);
}

/** The scheme url.Parse finds ('' for none), undefined when the URL does not parse. */
function schemeOf(raw: string): string | undefined {
  if (parseReason(raw) !== undefined) return undefined;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
  return m ? m[1] : '';
}

function parseReason(raw: string): string | undefined {
  const hash = raw.indexOf('#');
  const [u, frag] = hash < 0 ? [raw, undefined] : [raw.slice(0, hash), raw.slice(hash + 1)];
  const r = parseNoFragment(u);
  if (r !== undefined) return r;
  if (frag !== undefined) return unescapeError(frag, 'fragment');
  return undefined;
}

function parseNoFragment(raw: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- net/url refuses ASCII control characters
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'net/url: invalid control character in URL';
  if (raw === '*') return undefined;
  // getScheme
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return 'missing protocol scheme';
      scheme = raw.slice(0, i);
      rest = raw.slice(i + 1);
    }
    break;
  }
  // query
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return undefined; // opaque
    const segment = rest.split('/')[0] ?? '';
    if (segment.includes(':')) return 'first path segment in URL cannot contain colon';
  }
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const afterSlashes = rest.slice(2);
    const slash = afterSlashes.indexOf('/');
    const authority = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash);
    rest = slash < 0 ? '' : afterSlashes.slice(slash);
    const a = authorityError(authority);
    if (a !== undefined) return a;
  } else if (scheme !== '' && rest.startsWith('/')) {
    // the opaque check above handled the rest
  }
  return unescapeError(rest, 'path');
}

function authorityError(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
    const u = unescapeError(userinfo, 'userinfo');
    if (u !== undefined) return u;
  }
  return hostError(at < 0 ? authority : authority.slice(at + 1));
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function hostError(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
    // An IPv6 zone (%25...) is unescaped in its own mode; the address part is not checked further by Parse.
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) return unescapeError(host.slice(zone, close), 'zone') ?? undefined;
    return unescapeError(host.slice(0, close + 1), 'host');
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  }
  return unescapeError(host, 'host');
}

type Mode = 'path' | 'host' | 'zone' | 'userinfo' | 'fragment';

/** url.unescape's refusals: a bad %-escape; in a host, a character that may not appear there. */
function unescapeError(s: string, mode: Mode): string | undefined {
  // Nearly every URL part has no escape, and a host only unreserved characters: one scan, not a test per character.
  if (!s.includes('%') && ((mode !== 'host' && mode !== 'zone') || /^[A-Za-z0-9._~-]*$/.test(s))) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        const bad = s.slice(i, i + 3);
        return `invalid URL escape ${goQuote(bad)}`;
      }
      // In a host, %-escapes are only allowed for non-ASCII (RFC 6874 zones aside).
      if (mode === 'host' && parseInt(hex, 16) < 0x80 && hex !== '25')
        return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      i += 2;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && shouldEscapeHost(c))
      return `invalid character ${goQuote(c)} in host name`;
  }
  return undefined;
}

function shouldEscapeHost(c: string): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  if ('-_.~'.includes(c)) return false;
  return !`!$&'()*+,;=:[]<>"`.includes(c);
}
