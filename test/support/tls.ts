import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  ca: string;
  caKey: string;
  /** Client certificate (CN thidua-worker) and key, signed by the CA. */
  cert: string;
  key: string;
  /** Server certificate for DNS name temporal.internal and key, signed by the CA. */
  serverCert: string;
  serverKey: string;
}

/** A throwaway CA with a client and a server certificate, made with openssl as an operator would. */
export function certificates(where: string): TestCertificates {
  const f = (n: string) => path.join(where, n);
  if (!fs.existsSync(f('server.pem'))) {
    const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      f('ca.key'),
      '-out',
      f('ca.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=thidua-test-ca',
    );
    run('req', ...ec, '-keyout', f('client.key'), '-out', f('client.csr'), '-subj', '/CN=thidua-worker');
    fs.writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n'); // an X.509 v3 certificate (rustls refuses v1)
    run(
      'x509',
      '-req',
      '-in',
      f('client.csr'),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f('client.pem'),
      '-days',
      '2',
      '-extfile',
      f('client.ext'),
    );
    run('req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=temporal.internal');
    fs.writeFileSync(f('server.ext'), 'subjectAltName=DNS:temporal.internal\nextendedKeyUsage=serverAuth\n');
    run(
      'x509',
      '-req',
      '-in',
      f('server.csr'),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f('server.pem'),
      '-days',
      '2',
      '-extfile',
      f('server.ext'),
    );
  }
  return {
    ca: f('ca.pem'),
    caKey: f('ca.key'),
    cert: f('client.pem'),
    key: f('client.key'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
  };
}
