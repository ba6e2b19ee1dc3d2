export * from './discord-markdown';
export * from './discord-to-matrix';
export * from './matrix-to-discord';
export * from './embeds';
export * from './sticker';
export * from './timestamp';
