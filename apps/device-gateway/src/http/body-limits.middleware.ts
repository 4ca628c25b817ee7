import { json, text } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { toErrorBody } from '../errors/error.filter';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';

/** Bodies are limited to 1 MB, except the imports (API.md §1). */
export const BODY_LIMIT = '1mb';
export const IMPORT_BODY_LIMIT = '50mb';

function parsers(limit: string): RequestHandler[] {
  return [json({ limit, type: ['application/json', 'application/*+json'] }), text({ limit, type: ['text/plain', 'text/csv'] })];
}

const small = parsers(BODY_LIMIT);
const large = parsers(IMPORT_BODY_LIMIT);

/** The import routes (`/switches:import`) take large bodies; everything else the default. */
function isImport(req: Request): boolean {
  return /\/switches:import$|\/switches%3Aimport$/i.test(req.path);
}

/**
 * Body parsing with per-route limits. Parser failures are answered here as JSON errors, because
 * they happen before Nest's router and would otherwise reach Express's HTML error page.
 */
export function bodyLimitsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const chain = isImport(req) ? large : small;
  const run = (i: number): void => {
    if (i >= chain.length) return next();
    chain[i](req, res, (err?: unknown) => (err ? fail(res, err) : run(i + 1)));
  };
  run(0);
}

function fail(res: Response, err: unknown): void {
  const type = (err as { type?: string }).type;
  const error =
    type === 'entity.too.large'
      ? new GatewayError(GatewayErrorCode.PayloadTooLarge, `the body is larger than this route accepts (${BODY_LIMIT}, imports ${IMPORT_BODY_LIMIT})`)
      : type === 'entity.parse.failed'
        ? new GatewayError(GatewayErrorCode.MalformedJson, `the body is not valid JSON: ${(err as Error).message}`)
        : new GatewayError(GatewayErrorCode.BadRequest, `the body could not be read: ${(err as Error).message}`);
  const { status, body } = toErrorBody(error);
  res.status(status).json(body);
}
