import { Module } from '@nestjs/common';
import { VoipController } from './voip.controller';

/** client-server-api "Voice over IP": TURN credentials from the config's `turn`. */
@Module({ controllers: [VoipController] })
export class VoipModule {}
