export * from './federation.module';
