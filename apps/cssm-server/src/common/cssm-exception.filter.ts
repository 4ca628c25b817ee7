import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { logger } from '@fleetlic/telemetry';
import { ErrorBody } from '@fleetlic/contracts';
import { Response } from 'express';
import { CssmError, CssmErrorCode } from './cssm.error';

/** Renders every error as `{ error: { code, message } }`; an unexpected one is a 500 and logged. */
@Catch()
export class CssmExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = toCssmError(exception);
    if (error.httpStatus >= 500) logger.error('cssm-server request failed', { error: (exception as Error)?.stack ?? String(exception) });
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
    res.status(error.httpStatus).json(body);
  }
}

export function toCssmError(exception: unknown): CssmError {
  if (exception instanceof CssmError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new CssmError(CssmErrorCode.RouteNotFound, 'No such route; see API.md §3 for the routes of the license server');
    if (status === 413) return new CssmError(CssmErrorCode.PayloadTooLarge, 'The request body is larger than 1 MB');
    if (status === 401) return new CssmError(CssmErrorCode.Unauthorized, exception.message);
    if (status < 500) return new CssmError(CssmErrorCode.ValidationFailed, exception.message);
  }
  return new CssmError(CssmErrorCode.Internal, 'Internal error of the license server');
}
