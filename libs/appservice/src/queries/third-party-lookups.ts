import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { Appservice } from '../registry/appservice';
import { AppserviceClient, AppserviceRefused } from '../transport/appservice-client';
import { withDeadline } from './deadline';
import {
  mergeProtocolMetadata,
  ProtocolMetadata,
  protocolMetadataOf,
  ThirdPartyKind,
  ThirdPartyResult,
  thirdPartyResultsOf,
} from './third-party-results';

/** A lookup a client waits for: a bridge that does not answer by then contributes nothing. */
export const LOOKUP_TIMEOUT_MS = 10_000;

/**
 * How long an application service's protocol metadata is reused. Bridges describe a protocol the
 * same way for their whole run; without reuse every /thirdparty/protocols would ask every bridge
 * (SyTest's "HS can provide query metadata on a single protocol" relies on it, as on Synapse's).
 */
export const PROTOCOL_CACHE_MS = 5 * 60_000;

/** application-service-api "Legacy routes": the third-party lookups lived under this prefix. */
const LEGACY_PREFIX = '/_matrix/app/unstable';

/**
 * application-service-api "Third-party networks", as the client-server API's "Third-party
 * Networks" endpoints use it: the protocols the registrations declare (`protocols`), each
 * described by the services that bridge it, and lookups fanned out to them.
 */
@Injectable()
export class ThirdPartyLookups {
  private readonly protocolCache = new Map<string, { metadata: ProtocolMetadata; until: number }>();

  constructor(
    private readonly registry: AppserviceRegistry,
    private readonly client: AppserviceClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Every protocol some service declares and describes, with all their instances. */
  async protocols(): Promise<Record<string, ProtocolMetadata>> {
    const names = [...new Set(this.registry.all().flatMap((s) => s.registration.protocols))];
    const described = await Promise.all(names.map(async (p) => [p, await this.protocol(p)] as const));
    const out: Record<string, ProtocolMetadata> = {};
    for (const [name, metadata] of described) if (metadata) out[name] = metadata;
    return out;
  }

  /** Undefined when no service declares the protocol, or none described it. */
  async protocol(protocol: string): Promise<ProtocolMetadata | undefined> {
    const answers = await Promise.all(this.bridging(protocol).map((s) => this.metadataOf(s, protocol)));
    return mergeProtocolMetadata(answers.filter((a): a is ProtocolMetadata => a !== undefined));
  }

  /** Whether some service this server can reach declares the protocol. */
  knows(protocol: string): boolean {
    return this.bridging(protocol).length > 0;
  }

  /**
   * GET /thirdparty/{kind}/{protocol} with the client's search fields, of every service that
   * declares the protocol; the results of all, in registration order.
   */
  async lookup(
    kind: ThirdPartyKind,
    protocol: string,
    fields: Record<string, string>,
  ): Promise<ThirdPartyResult[]> {
    const path = `/thirdparty/${kind}/${encodeURIComponent(protocol)}`;
    return this.fanOut(this.bridging(protocol), kind, path, fields);
  }

  /**
   * GET /thirdparty/location?alias=: a portal room's alias is the bridge's, so the services asked
   * are those with the alias in their namespace that bridge some protocol.
   */
  locationsOfAlias(alias: string): Promise<ThirdPartyResult[]> {
    const services = this.withProtocols().filter((s) => s.isAliasInNamespace(alias));
    return this.fanOut(services, 'location', '/thirdparty/location', { alias });
  }

  /** GET /thirdparty/user?userid=: asked of the bridges whose namespace has the (ghost) user. */
  usersOfUserId(userId: string): Promise<ThirdPartyResult[]> {
    const services = this.withProtocols().filter((s) => s.isUserInNamespace(userId));
    return this.fanOut(services, 'user', '/thirdparty/user', { userid: userId });
  }

  private bridging(protocol: string): Appservice[] {
    return this.withProtocols().filter((s) => s.registration.protocols.includes(protocol));
  }

  private withProtocols(): Appservice[] {
    return this.registry
      .all()
      .filter((s) => s.registration.url !== null && s.registration.protocols.length > 0);
  }

  private async metadataOf(service: Appservice, protocol: string): Promise<ProtocolMetadata | undefined> {
    const key = `${service.id}\u0000${protocol}`;
    const cached = this.protocolCache.get(key);
    if (cached && cached.until > Date.now()) return cached.metadata;
    const answer = await this.ask(service, `/thirdparty/protocol/${encodeURIComponent(protocol)}`, {});
    const metadata = protocolMetadataOf(answer, service.id);
    if (metadata) this.protocolCache.set(key, { metadata, until: Date.now() + PROTOCOL_CACHE_MS });
    else if (answer !== undefined) {
      this.logger.warn(
        { appservice_id: service.id, protocol },
        'application service protocol metadata has no instances',
      );
    }
    return metadata;
  }

  private async fanOut(
    services: readonly Appservice[],
    kind: ThirdPartyKind,
    path: string,
    query: Record<string, string>,
  ): Promise<ThirdPartyResult[]> {
    const answers = await Promise.all(services.map((s) => this.ask(s, path, query)));
    return answers.flatMap((answer) => thirdPartyResultsOf(answer, kind));
  }

  /** The service's answer, or undefined when it has none to give (404), failed or took too long. */
  private async ask(service: Appservice, path: string, query: Record<string, string>): Promise<unknown> {
    try {
      return await withDeadline(
        this.client.request(service, { method: 'GET', path, query, legacyPrefix: LEGACY_PREFIX }),
        LOOKUP_TIMEOUT_MS,
        `${path} of application service ${service.id}`,
      );
    } catch (err) {
      const notFound = err instanceof AppserviceRefused && err.status === 404;
      this.logger[notFound ? 'debug' : 'warn'](
        { appservice_id: service.id, path, err },
        'third-party lookup failed',
      );
      return undefined;
    }
  }
}
