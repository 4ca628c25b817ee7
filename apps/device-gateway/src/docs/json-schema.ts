import { z, type ZodType } from 'zod';

/**
 * The OpenAPI schema of a request body, generated from the same zod schema that validates it,
 * so the document at /docs cannot drift from what the gateway accepts.
 */
export function jsonSchemaOf(schema: ZodType): Record<string, any> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
