export * from './errors/matrix-error';
export * from './events/pdu.types';
export * from './room-versions/room-version.types';
export * from './room-versions/room-versions';
export * from './state/state-map';
