export * from './state-res-builder';
export * from './test-event';
export * from './test-room';
