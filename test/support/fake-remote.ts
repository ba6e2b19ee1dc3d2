import { DynamicModule, Global, Module } from '@nestjs/common';
import { FEDERATION_FETCHER, FederationFetcher, VERIFY_KEYS, VerifyKeys } from '@switchboard/rooms';

@Global()
@Module({})
class FakeRemoteModule {}

/**
 * The room server's federation ports (fetching events, remote verify keys) answered by a test's
 * fakes instead of other servers: for startTestHomeserver's extra modules.
 */
export function fakeRemoteModule(fetcher: FederationFetcher, keys: VerifyKeys): DynamicModule {
  return {
    module: FakeRemoteModule,
    providers: [
      { provide: FEDERATION_FETCHER, useValue: fetcher },
      { provide: VERIFY_KEYS, useValue: keys },
    ],
    exports: [FEDERATION_FETCHER, VERIFY_KEYS],
  };
}
