export * from './http-pipeline';
export * from './listener-resources';
export * from './matrix-exception.filter';
export * from './matrix-route.decorator';
export * from './route-table';
export * from './to-matrix-error';
export * from './empty-state-key';
export * from './r0-prefix';
