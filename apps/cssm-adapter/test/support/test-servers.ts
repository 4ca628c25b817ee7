import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { TestPki } from './test-pki';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Over https: whether the client resumed an earlier TLS session. */
  resumed?: boolean;
}

export interface TestServer {
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

type Responder = (req: SeenRequest, res: ServerResponse) => void;

/** Answers every device message like the license server: 200 and a deregister SUCCESS. */
export const answerSuccess: Responder = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'SUCCESS', serverTime: '2030-01-01T00:00:00.000Z' }));
};

/** The license server's plain HTTP port: an HTML page whatever is asked (SPEC §11 problem 2). */
export const answerHtml: Responder = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html><body><h1>Cisco Smart Software Manager</h1></body></html>');
};

async function listen(server: Server, respond: Responder): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const resumed = req.socket instanceof TLSSocket ? req.socket.isSessionReused() : undefined;
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), resumed };
      seen.push(entry);
      respond(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** HTTPS with the test PKI's server certificate (signed by its "current" root). */
export function startHttpsServer(pki: TestPki, respond: Responder = answerSuccess): Promise<TestServer> {
  return listen(createHttpsServer({ cert: pki.serverCertPem, key: pki.serverKeyPem }), respond);
}

export function startHttpServer(respond: Responder = answerHtml): Promise<TestServer> {
  return listen(createHttpServer(), respond);
}
