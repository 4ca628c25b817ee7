/** Socket errors: the peer (PostgreSQL, mostly) is down, restarting or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * SQLSTATEs that say the database, not the statement, is the problem: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * in recovery), 53300 too_many_connections.
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/**
 * What node-postgres, pg-pool and TypeORM throw when a connection died under a query; they carry
 * no code. TypeORM releases a query runner whose connection emitted an error, so the next query
 * of that transaction fails with QueryRunnerAlreadyReleasedError.
 */
const MESSAGES = /Connection terminated|Client was closed and is not queryable|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** What a service sets on its own error when a dependency it calls is down (e.g. the agent's ADAPTER_UNAVAILABLE). */
export interface UnavailableMarker {
  dependencyUnavailable: true;
}

/**
 * True when `err` (or its `driverError` / `cause`) says a dependency — PostgreSQL, or a service
 * that marked its error `dependencyUnavailable` — is unreachable right now, rather than that the
 * work itself is wrong: it will succeed unchanged once the dependency is back, so it must not
 * count against a message's delivery budget.
 */
export function isUnavailableError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (e.name === 'QueryRunnerAlreadyReleasedError' || (err as Partial<UnavailableMarker>).dependencyUnavailable === true) return true;
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isUnavailableError(e.driverError, depth + 1) || isUnavailableError(e.cause, depth + 1);
}
