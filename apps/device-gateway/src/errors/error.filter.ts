import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorBody } from '@fleetlic/contracts';
import type { Response } from 'express';
import { GatewayError, GatewayErrorCode } from './gateway-error';

const HTTP_CODES: Record<number, GatewayErrorCode> = {
  400: GatewayErrorCode.BadRequest,
  401: GatewayErrorCode.Unauthenticated,
  403: GatewayErrorCode.Forbidden,
  404: GatewayErrorCode.RouteNotFound,
  413: GatewayErrorCode.PayloadTooLarge,
  415: GatewayErrorCode.UnsupportedMediaType,
};

/**
 * Every answer that is not a success has the body `{ error: { code, message } }` (API.md), including
 * Nest's own 404 for an unknown route. Anything unexpected is a 500 and logged, since a 5xx is a bug.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = toErrorBody(exception);
    if (status >= 500 && !(exception instanceof GatewayError)) this.log.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}

export function toErrorBody(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof GatewayError) {
    const error: ErrorBody['error'] = { code: exception.code, message: exception.message };
    if (exception.details) error.details = exception.details;
    return { status: exception.httpStatus, body: { error } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = HTTP_CODES[status] ?? (status >= 500 ? GatewayErrorCode.Internal : GatewayErrorCode.BadRequest);
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
    return { status, body: { error: { code, message } } };
  }
  return { status: 500, body: { error: { code: GatewayErrorCode.Internal, message: 'internal error; see the gateway log' } } };
}
