export * from './x-matrix';
