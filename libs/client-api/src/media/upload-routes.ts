import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { Endpoint, uploadContent, uploadContentToMXC } from '@switchboard/protocol';

const UPLOAD_TYPE = Symbol('switchboard.uploadContentType');
/** What the upload routes' bodies are parsed as: bytes, whatever the client's Content-Type. */
const RAW = 'application/x-switchboard-upload';

type WithUploadType = FastifyRequest & { [UPLOAD_TYPE]?: string };

/** The Content-Type header the client sent with an upload. */
export function uploadContentType(request: FastifyRequest): string | undefined {
  return (request as WithUploadType)[UPLOAD_TYPE];
}

/**
 * The upload routes take bodies up to `limits.max_upload_bytes` (others stop at
 * `limits.max_request_body_bytes`), and take them as bytes: an uploaded JSON file with
 * `Content-Type: application/json` is content to store, not a request body to parse. Registered
 * while Nest builds the app, before it adds its routes.
 */
@Injectable()
export class UploadRoutes {
  constructor(adapterHost: HttpAdapterHost, @Inject(CONFIG) config: SwitchboardConfig) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const uploads = [uploadContent, uploadContentToMXC].map(routeOf);
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!uploads.some((u) => methods.includes(u.method) && route.url === u.url)) return;
      route.bodyLimit = config.limits.max_upload_bytes;
      route.preParsing = [
        ...(Array.isArray(route.preParsing) ? route.preParsing : route.preParsing ? [route.preParsing] : []),
        async (request: FastifyRequest) => {
          (request as WithUploadType)[UPLOAD_TYPE] = request.headers['content-type'];
          request.headers['content-type'] = RAW;
        },
      ];
    });
  }
}

function routeOf(endpoint: Endpoint): { method: string; url: string } {
  return { method: endpoint.method, url: endpoint.path.replace(/\{(\w+)\}/g, ':$1') };
}
