import { applyDecorators, Delete, Get, HttpCode, Post, Put, SetMetadata } from '@nestjs/common';
import { Endpoint } from '@switchboard/protocol';

export const MATRIX_ENDPOINT = 'switchboard:endpoint';

const METHODS = { GET: Get, PUT: Put, POST: Post, DELETE: Delete };

/**
 * Binds a handler to a spec endpoint descriptor: the route comes from the descriptor, so the
 * registered routes can be compared with shared/spec/endpoints.tsv. Every Matrix success is 200,
 * POST included (Nest would answer 201).
 */
export function MatrixRoute(endpoint: Endpoint): MethodDecorator {
  // Fastify's optional last parameter matches `/x/`, `/x/value` and `/x` alike.
  const path = endpoint.path.replace(/\{(\w+)\}/g, ':$1') + (endpoint.optionalLastParam ? '?' : '');
  return applyDecorators(
    METHODS[endpoint.method](path),
    HttpCode(200),
    SetMetadata(MATRIX_ENDPOINT, endpoint),
  );
}
