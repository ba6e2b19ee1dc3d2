export * from './appservice.module';
export * from './registry/appservice';
export * from './registry/appservice-registry';
export * from './transport/appservice-client';
