import { redact, redactText } from './redact';
import { currentTraceIds } from './trace-ids';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Builds one log line; exported for tests. Secrets are redacted before anything is written. */
export function formatLogLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}, service = process.env.OTEL_SERVICE_NAME): string {
  const { traceId, spanId } = currentTraceIds();
  const line = {
    time: new Date().toISOString(),
    level,
    service,
    msg: redactText(msg),
    ...(traceId ? { trace_id: traceId, span_id: spanId } : {}),
    ...(redact(fields) as Record<string, unknown>),
  };
  return JSON.stringify(line);
}

/** JSON lines on stdout (errors on stderr), with the active trace ids; level from FLEETLIC_LOG_LEVEL. */
export function createLogger(write: (level: LogLevel, line: string) => void = defaultWrite): Logger {
  const min = ORDER[(process.env.FLEETLIC_LOG_LEVEL as LogLevel) ?? 'info'] ?? ORDER.info;
  const at = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] >= min) write(level, formatLogLine(level, msg, fields));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function defaultWrite(level: LogLevel, line: string): void {
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const logger: Logger = createLogger();
