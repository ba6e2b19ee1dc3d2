export * from './unpadded-base64';
