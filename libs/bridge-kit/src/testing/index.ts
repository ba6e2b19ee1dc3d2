export * from './fake-connector';
export * from './memory-queue';
export * from './memory-store';
