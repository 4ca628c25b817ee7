import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo, connect, Socket } from 'node:net';

export interface ConnectProxy {
  url: string;
  host: string;
  port: number;
  /** Tunnels opened so far: tests prove traffic went through the proxy with it. */
  readonly connections: number;
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  port?: number;
  /** Names the proxy resolves itself (like a corporate proxy's DNS), e.g. `cssm.fleetlic.test`. */
  hosts?: Record<string, string>;
  /** Refuse every CONNECT with 403, to reproduce a proxy that denies the destination. */
  refuse?: boolean;
}

/**
 * A small real HTTP proxy that only tunnels (CONNECT), as Call Home method 2 uses: the switch
 * asks for `host:port`, the proxy opens a TCP connection and pipes bytes both ways. Anything
 * but CONNECT is answered 405.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  let connections = 0;
  const open = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain' }).end('only CONNECT is supported\n');
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const target = parseAuthority(req.url ?? '');
    if (options.refuse || !target) {
      client.end(`HTTP/1.1 ${options.refuse ? '403 Forbidden' : '400 Bad Request'}\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const upstream = connect({ host: options.hosts?.[target.host] ?? target.host, port: target.port });
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    let established = false;
    upstream.once('connect', () => {
      established = true;
      connections += 1;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established && !client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      else client.destroy();
    });
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `host:port` or `[v6]:port` of a CONNECT request line. */
function parseAuthority(authority: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(authority);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65536 ? { host: match[1], port } : undefined;
}
