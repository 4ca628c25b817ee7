import { Socket } from 'node:net';
import { AdapterReply, CallhomeConfig, DeviceRequest, NetworkConfig } from '@fleetlic/contracts';
import { AdapterError, errorCode } from './adapter-error';
import { parseAnswer } from './answer.parser';
import { Deadline } from './deadline';
import { postOverSocket } from './http-exchange.client';
import { resolveHost } from './name.resolver';
import { openProxyTunnel } from './proxy-tunnel.connector';
import { sourceBinding } from './source-interface.resolver';
import { openTcp } from './tcp.connector';
import { secureSocket } from './tls.connector';
import { resolveTrustAnchors, TrustRoots } from './trust-anchors.resolver';

export interface CallhomeExchangeInput {
  callhome: CallhomeConfig;
  network: NetworkConfig;
  request: DeviceRequest;
  /** The sender's instant (ISO), sent as `Fleetlic-Time`. */
  time?: string;
  /** FLEETLIC_CALLHOME_TIMEOUT_MS: the switch's one timer for the whole message. */
  timeoutMs: number;
  simulated: boolean;
  trust: TrustRoots;
}

/**
 * One Call Home exchange exactly as the switch would perform it (SPEC §10, §11): its
 * destination, VRF and source interface, name servers and static hosts, proxy and trust
 * anchors. Never throws: every failure comes back as the reason the switch reports.
 */
export async function performCallhomeExchange(input: CallhomeExchangeInput): Promise<AdapterReply> {
  const sockets: Socket[] = [];
  try {
    return await exchange(input, (s) => sockets.push(s));
  } catch (err) {
    if (err instanceof AdapterError) return err.toReply();
    // Not expected (each phase maps its own errors); still a message that did not go out.
    return AdapterError.sendFailed('HTTP', errorCode(err)).toReply();
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}

/** Socket errors that end a TLS handshake without any certificate having been judged. */
const DROPPED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

async function exchange(input: CallhomeExchangeInput, track: (s: Socket) => void): Promise<AdapterReply> {
  const { callhome, network } = input;
  const url = destination(callhome);
  const deadline = new Deadline(input.timeoutMs);
  const resolveOpts = { network, vrf: callhome.vrf, deadline, simulated: input.simulated };
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const proxy = callhome.proxy?.enabled ? callhome.proxy : undefined;
  const timedOut = () => AdapterError.sendFailed('TIMEOUT', 'Call Home timeout');
  const current: { socket?: Socket } = {};
  const keep = (s: Socket) => {
    current.socket = s;
    track(s);
  };
  const kill = () => current.socket?.destroy();

  // With a proxy the switch resolves only the proxy's name; the proxy resolves the server's.
  const firstHop = proxy ? { host: proxy.host, port: proxy.port } : { host: url.hostname, port };
  const ip = await resolveHost(firstHop.host, resolveOpts);
  const source = sourceBinding(callhome, network, ip);
  let socket = await deadline
    .race(openTcp({ ip, port: firstHop.port, localAddress: source.localAddress }, keep), timedOut, kill)
    .catch((err: unknown) => {
      if (err instanceof AdapterError) throw err;
      // A source address that is not ours is the interface without a path, proxy or not.
      const code = errorCode(err);
      throw AdapterError.sendFailed(proxy && code !== 'EADDRNOTAVAIL' ? 'PROXY' : 'NO_PATH', code);
    });
  if (proxy) socket = await deadline.race(openProxyTunnel(socket, url.hostname, port), timedOut, kill);

  if (url.protocol === 'https:') {
    const ca = resolveTrustAnchors(network.trustAnchors, input.trust);
    socket = await deadline.race(secureSocket(socket, url.hostname, port, ca), timedOut, kill).catch((err: unknown) => {
      if (err instanceof AdapterError) throw err;
      // The server going away mid-handshake (a restart) is a failure to send, not a certificate
      // this switch distrusts: only the latter may send an operator to import trust anchors.
      const code = errorCode(err);
      throw code && DROPPED_CONNECTION_CODES.has(code) ? AdapterError.sendFailed('NO_PATH', code) : AdapterError.untrusted(code);
    });
    keep(socket);
  }

  const body = JSON.stringify(input.request);
  const post = postOverSocket(socket, { authority: url.host, path: `${url.pathname}${url.search}`, body, time: input.time });
  const answer = await deadline.race(post, timedOut, kill).catch((err: unknown) => {
    throw err instanceof AdapterError ? err : AdapterError.sendFailed('HTTP', errorCode(err));
  });
  return parseAnswer(input.request, answer);
}

/** Smart Licensing needs Call Home enabled with an http(s) destination (SPEC §10). */
function destination(callhome: CallhomeConfig): URL {
  if (!callhome.enabled || !callhome.destinationUrl) throw AdapterError.sendFailed('CONFIG', 'Call Home disabled or no destination');
  let url: URL;
  try {
    url = new URL(callhome.destinationUrl);
  } catch {
    throw AdapterError.sendFailed('CONFIG', 'destination is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw AdapterError.sendFailed('CONFIG', `unsupported scheme ${url.protocol}`);
  return url;
}
