/** Ports and certificates for servers on 127.0.0.1; shared with the benchmarks, so it lives in the build. */
export * from '../../apps/homeserver/src/testing/loopback-network';
