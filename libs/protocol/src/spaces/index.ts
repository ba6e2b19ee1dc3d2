export * from './room-summary';
export * from './space-children';
export * from './hierarchy.types';
