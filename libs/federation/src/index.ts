export * from './federation.module';
export * from './transport/federation-client';
export * from './transport/federation-remote.error';
export * from './transport/federation-transport.error';
export * from './keys/remote-keys.service';
export * from './auth/origin.decorator';
