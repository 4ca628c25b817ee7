import { ErrorBody } from '@fleetlic/contracts';
import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import express, { NextFunction, Request, Response } from 'express';
import { CssmError, CssmErrorCode } from './cssm.error';

/** Bodies of every route are limited to 1 MB (API.md §1 rule, applied here too). */
export const BODY_LIMIT = '1mb';
/** Sync files list every product instance of an On-Prem account: allowed as large as the fleet imports. */
export const SYNC_FILE_LIMIT = '50mb';
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * JSON and form bodies (the OAuth token endpoint is form-encoded) with the size limit, and the
 * errors of parsing rendered like every other error. Installed before Nest's routes.
 */
export function installBodyParsers(app: express.Express, instance: string): void {
  app.use(function cssmInstanceAttribute(_req: Request, _res: Response, next: NextFunction) {
    // The HTTP server span (kept in the RPC metadata by the http instrumentation) and the current one.
    getRPCMetadata(context.active())?.span.setAttribute('cssm.instance', instance);
    trace.getActiveSpan()?.setAttribute('cssm.instance', instance);
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ limit: BODY_LIMIT, extended: false }));
  app.use(express.text({ limit: SYNC_FILE_LIMIT, type: YAML_TYPES }));
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const error =
      err.type === 'entity.too.large'
        ? new CssmError(CssmErrorCode.PayloadTooLarge, 'The request body is too large (1 MB, sync files 50 MB)')
        : err.type === 'entity.parse.failed'
          ? new CssmError(CssmErrorCode.MalformedJson, 'The request body is not valid JSON')
          : err.status === 415 || err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
            ? new CssmError(CssmErrorCode.UnsupportedMediaType, 'Unsupported body encoding; send UTF-8 JSON (or YAML for sync files)')
            : new CssmError(CssmErrorCode.MalformedJson, 'The request body could not be read');
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    res.status(error.httpStatus).json(body);
  });
}
