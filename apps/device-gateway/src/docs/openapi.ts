import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document of every route at `/docs` (UI) and `/docs-json`. Open to everyone. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('fleetlic device-gateway')
    .setDescription(
      'Smart Licensing for fleets of Nexus switches (API.md §1). Errors are `{ error: { code, message } }`. ' +
        'Roles: viewer (every GET and POST /diagnose), operator (switch commands), admin (DELETE /switches/{name}, /clock/advance).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key of FLEETLIC_API_KEYS' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
