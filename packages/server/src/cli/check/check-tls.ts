import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { CheckOptions, CheckResult } from './check-result.js';

/** TLS versions RingCentral still accepts for webhook addresses. */
const ACCEPTED_VERSIONS = new Set(['TLSv1.2', 'TLSv1.3']);

/**
 * The `https` rules (ringcentral-protocol.md §4): TLS 1.2 or later, and a certificate chain that
 * verifies against public roots, complete (the server sends its intermediates). For `http`: a
 * warning (Switchboard allows it in development), a failure with `--strict` (RingCentral requires
 * https).
 */
export async function checkTls(options: CheckOptions): Promise<CheckResult[]> {
  const { url } = options;
  if (url.protocol === 'http:') {
    return [
      {
        rule: 'tls',
        outcome: options.mode === 'strict' ? 'fail' : 'warn',
        message:
          'plain http: RingCentral (and Switchboard --production) require https (SUB-523); Switchboard in development allows it',
      },
    ];
  }
  const seen = await inspectTls(url, options);
  if (typeof seen === 'string')
    return [{ rule: 'tls', outcome: 'fail', message: `no TLS connection: ${seen}` }];
  const results: CheckResult[] = [
    ACCEPTED_VERSIONS.has(seen.protocol)
      ? { rule: 'tls.version', outcome: 'pass', message: `${seen.protocol}` }
      : {
          rule: 'tls.version',
          outcome: 'fail',
          message: `${seen.protocol}: RingCentral needs TLS 1.2 or later`,
        },
  ];
  results.push(
    seen.error === null
      ? { rule: 'tls.chain', outcome: 'pass', message: 'the certificate chain verifies' }
      : { rule: 'tls.chain', outcome: 'fail', message: chainMessage(seen.error) },
  );
  return results;
}

function chainMessage(code: string): string {
  const why: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate in the chain',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the chain is incomplete (send the intermediate certificates too)',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer is unknown (a private CA, or intermediates missing)',
    CERT_HAS_EXPIRED: 'the certificate has expired',
    ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another name',
  };
  return `${why[code] ?? code} (${code}): RingCentral refuses the subscription (SUB-524); use a certificate from a public CA with its full chain`;
}

interface TlsSeen {
  protocol: string;
  /** null when the chain verified (and the name matched). */
  error: string | null;
}

function inspectTls(url: URL, options: CheckOptions): Promise<TlsSeen | string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) === 0 ? { servername: host } : {}),
      // Connect anyway, to say what is wrong with the chain instead of only that it is.
      rejectUnauthorized: false,
      ...(options.ca !== null ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no TLS handshake within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const authError = socket.authorizationError;
      const error = socket.authorized
        ? null
        : typeof authError === 'string'
          ? authError
          : ((authError as NodeJS.ErrnoException | undefined)?.code ?? String(authError));
      resolve({ protocol: socket.getProtocol() ?? 'unknown', error });
      socket.end();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code ?? err.message);
    });
  });
}
