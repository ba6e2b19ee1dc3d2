export { createDiscordConnector, discordBridgeInfo, type DiscordConnector } from './discord.connector';
export { discordNetworkSchema, type DiscordNetworkConfig } from './config.schema';
