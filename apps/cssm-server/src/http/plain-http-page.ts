import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Cisco Smart Software Manager</title></head>
<body>
<h1>Smart Software Manager</h1>
<p>This service is only available over HTTPS. Please use https:// to reach it.</p>
</body>
</html>
`;

/**
 * The plain HTTP listener: like the real service, it answers every request with an HTML page
 * instead of a protocol answer, so a switch configured with http:// cannot parse it (SPEC §11.2).
 */
export function createPlainHttpServer(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(PAGE) });
      res.end(PAGE);
    });
  });
}
