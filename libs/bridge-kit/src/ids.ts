/**
 * Identifiers on the remote side, as the connector spells them (Discord snowflakes, Slack IDs, e-mail
 * addresses or Message-IDs). The kit never parses them; it stores them and hands them back.
 */
export type RemoteChatId = string;
export type RemoteUserId = string;
export type RemoteMessageId = string;

/** A Matrix user ID (`@local:server`), room ID or event ID; kept apart from remote IDs by name only. */
export type UserMxid = string;
export type RoomId = string;
export type EventId = string;
