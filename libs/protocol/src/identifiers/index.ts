export { MAX_IDENTIFIER_BYTES } from './identifier-text';
export * from './event-id';
export * from './room-alias';
export * from './room-id';
export * from './server-name';
export * from './server-name-of';
export * from './user-id';
