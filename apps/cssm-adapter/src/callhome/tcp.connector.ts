import { connect, Socket } from 'node:net';

export interface TcpTarget {
  ip: string;
  port: number;
  /** The source interface's address; an unconfigured one makes the connect fail for real. */
  localAddress?: string;
}

/**
 * Opens a TCP connection from the switch's source address. Resolves once connected; rejects
 * with the socket error (EADDRNOTAVAIL, ECONNREFUSED, …). `track` receives the socket at
 * once so the caller can destroy it when the Call Home timer fires mid-connect.
 */
export function openTcp(target: TcpTarget, track: (socket: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.ip, port: target.port, localAddress: target.localAddress });
    track(socket);
    const onError = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
