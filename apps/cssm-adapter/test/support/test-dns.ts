import { createSocket, RemoteInfo, Socket } from 'node:dgram';

export interface TestNameServer {
  /** `ip:port`, as `network.nameServers[vrf]` takes it. */
  address: string;
  queries: number;
  close(): Promise<void>;
}

/**
 * A UDP name server on 127.0.0.1. With `records` it answers A queries for those names
 * (NXDOMAIN otherwise); without, it reads every query and never answers, which is the
 * unreachable name server of SPEC §11 problem 4.
 */
export async function startNameServer(records?: Record<string, string>): Promise<TestNameServer> {
  const socket: Socket = createSocket('udp4');
  const state = { queries: 0 };
  socket.on('message', (msg: Buffer, from: RemoteInfo) => {
    state.queries += 1;
    if (!records) return;
    const answer = answerFor(msg, records);
    if (answer) socket.send(answer, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    get queries() {
      return state.queries;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** RFC 1035 just enough: one question, one A record (or NXDOMAIN), no compression in the query. */
function answerFor(query: Buffer, records: Record<string, string>): Buffer | undefined {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset];
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  const questionEnd = offset + 5;
  const type = query.readUInt16BE(offset + 1);
  const ip = type === 1 ? records[labels.join('.').toLowerCase()] : undefined;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  header.writeUInt16BE(ip ? 0x8180 : 0x8183, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(ip ? 1 : 0, 6);
  const question = query.subarray(12, questionEnd);
  if (!ip) return Buffer.concat([header, question]);
  const rr = Buffer.alloc(16);
  rr.writeUInt16BE(0xc00c, 0);
  rr.writeUInt16BE(1, 2);
  rr.writeUInt16BE(1, 4);
  rr.writeUInt32BE(60, 6);
  rr.writeUInt16BE(4, 10);
  ip.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
  return Buffer.concat([header, question, rr]);
}
