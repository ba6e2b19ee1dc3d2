/**
 * Stands in for `@matrix-org/matrix-sdk-crypto-nodejs` in tests (jest.config.js maps the module
 * here). matrix-bot-sdk and the copy of it inside matrix-appservice-bridge require that module at
 * import time for their end-to-end encryption, and its native binary is not installed, so the real
 * one throws on require. Only the classes their code names are exported; the SDKs' enums from it
 * (RequestType, HistoryVisibility, StoreType) are `const enum`s, inlined into their JavaScript.
 * Touching any of these throws: E2EE is unavailable, and the bridges under test never turn it on.
 */

function unavailable(what: string): never {
  throw new Error(
    `${what}: @matrix-org/matrix-sdk-crypto-nodejs is stood in for in tests, E2EE is unavailable`,
  );
}

class Unavailable {
  constructor() {
    unavailable(new.target.name);
  }
}

export class OlmMachine extends Unavailable {
  static initialize(): never {
    return unavailable('OlmMachine.initialize');
  }
}

export class Attachment extends Unavailable {
  static encrypt(): never {
    return unavailable('Attachment.encrypt');
  }

  static decrypt(): never {
    return unavailable('Attachment.decrypt');
  }
}

export class EncryptedAttachment extends Unavailable {}
export class UserId extends Unavailable {}
export class DeviceId extends Unavailable {}
export class RoomId extends Unavailable {}
export class DeviceLists extends Unavailable {}
export class EncryptionSettings extends Unavailable {}
