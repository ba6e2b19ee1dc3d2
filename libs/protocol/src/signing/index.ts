export { generateSigningKeySeed, isValidSigningKeyId, SEED_BYTES, signingKeyFromSeed } from './ed25519-keys';
export type { SigningKey } from './ed25519-keys';
export { signJson } from './sign-json';
export type { Signatures } from './sign-json';
export { checkJsonSignedBy, verifyJsonSignature } from './verify-json';
export type { SignatureCheck, SignatureFailure, VerifyKeyLookup } from './verify-json';
