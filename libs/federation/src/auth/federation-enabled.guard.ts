import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError } from '@switchboard/protocol';
import { resourceOfPath } from '@switchboard/http';

/**
 * With `federation.enabled: false` every federation route (/_matrix/federation/, /_matrix/key/,
 * /.well-known/matrix/server) answers 404 M_UNRECOGNIZED, as Synapse does when no listener serves
 * its federation resource: the server then looks like one that has no federation at all, rather
 * than one that refuses a particular peer (Synapse's 403 M_FORBIDDEN for a domain off
 * federation_domain_whitelist).
 */
@Injectable()
export class FederationEnabledGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.federation.enabled) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (resourceOfPath(request.url) === 'federation') {
      throw new MatrixError('M_UNRECOGNIZED', 404, 'Unrecognized request');
    }
    return true;
  }
}
