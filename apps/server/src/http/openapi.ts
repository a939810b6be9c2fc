import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** Registers OpenAPI 3.1 generation from the zod route schemas, `/api/openapi.json` and `/api/docs`. */
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kalendaryo API',
        version,
        description:
          'The integrated calendar of the OOBC Management System. Errors are RFC 9457 problem details ' +
          '(`application/problem+json`) with a stable `code`. Lists answer `{items, nextCursor}`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/v1/auth/login' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'kalendaryo_session' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: true },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
}
