import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { CaService } from './ca/ca.service';
import { installBodyParsers } from './common/body-parsers';
import { clockCatchUp } from './common/clock-catch-up';
import { CssmExceptionFilter } from './common/cssm-exception.filter';
import { CssmDeps, CssmModule } from './cssm.module';

export interface CssmApp {
  app: INestApplication;
  /** The request handler, to mount on the HTTPS server (main) or a plain HTTP one (tests). */
  handler: express.Express;
}

/**
 * Builds and initialises the Nest application without listening, and makes sure the CA roots
 * exist. Used by main.ts and by the medium tests alike.
 */
export async function createCssmApp(deps: CssmDeps): Promise<CssmApp> {
  const app = await NestFactory.create(CssmModule.register(deps), { bodyParser: false, logger: ['error', 'warn'] });
  const handler = app.getHttpAdapter().getInstance() as express.Express;
  handler.disable('x-powered-by');
  handler.use(clockCatchUp(deps.clock));
  installBodyParsers(handler, deps.config.instance);
  app.useGlobalFilters(new CssmExceptionFilter());
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('fleetlic cssm-server').setDescription('CSSM-compatible license server (API.md §3)').build());
  SwaggerModule.setup('docs', app, document);
  await app.init();
  await app.get(CaService).ensureRoots();
  return { app, handler };
}
