export * from './power-level-value';
export * from './power-levels';
