/**
 * The mailer's failures by reason, against the real SMTP test server (smtp-server): a closed port,
 * a recipient refused, TLS spoken to a server that speaks plain SMTP, a login refused, a server that never greets. Each is a code and parameters, never the library's sentence.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { smtpMailer, type SmtpSettings } from './mailer.js';

const at = (port: number, more: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port,
  secure: false,
  user: null,
  pass: null,
  from: 'albero@comune.example.it',
  timeoutMs: 1500,
  ...more,
});
const mail = { to: 'nessuno@comune.example.it', subject: 's', text: 't', messageId: '<m@albero>' };

async function send(settings: SmtpSettings) {
  const mailer = await smtpMailer(settings);
  try {
    return await mailer.send(mail);
  } finally {
    mailer.close();
  }
}

describe('a delivery that fails, by reason', () => {
  let smtp: TestSmtp;
  let silent: Server;
  beforeAll(async () => {
    smtp = await startSmtp(0, { refuse: (address) => address.startsWith('nessuno@') });
    // Takes the connection and says nothing: a server that hangs.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    await smtp?.close();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it('a closed port: connection refused, to try again', async () => {
    const port = await freePort();
    expect(await send(at(port))).toEqual({ ok: false, permanent: false, failure: { reason: 'connection-refused', host: '127.0.0.1', port } });
  });

  it('a recipient the server refuses: for good, with the address and the reply code', async () => {
    expect(await send(at(smtp.port))).toEqual({
      ok: false,
      permanent: true,
      failure: { reason: 'recipient-refused', host: '127.0.0.1', port: smtp.port, recipient: 'nessuno@comune.example.it', responseCode: 550 },
    });
  });

  it('TLS spoken to a plain server: the secure connection failed', async () => {
    const result = await send(at(smtp.port, { secure: true }));
    expect(result).toMatchObject({ ok: false, failure: { reason: 'tls', host: '127.0.0.1', port: smtp.port } });
  });

  it('a login the server refuses: authentication refused, with the reply code', async () => {
    const locked = await startSmtp(0, { refuseLogins: true });
    try {
      expect(await send(at(locked.port, { user: 'albero', pass: 'sbagliata' }))).toEqual({
        ok: false,
        permanent: true,
        failure: { reason: 'auth-refused', host: '127.0.0.1', port: locked.port, responseCode: 535 },
      });
    } finally {
      await locked.close();
    }
  });

  it('a server that never greets: no answer in time', async () => {
    const port = (silent.address() as AddressInfo).port;
    expect(await send(at(port))).toEqual({ ok: false, permanent: false, failure: { reason: 'timeout', host: '127.0.0.1', port } });
  }, 10_000);
});
