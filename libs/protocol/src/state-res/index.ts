export { AuthChainCache } from './auth-chain-cache';
export { authChainOf } from './auth-chain-of';
export { resolveState } from './resolve-state';
export { EventLookup, ResolveStateOptions } from './state-res.types';
