import { Body, Controller, Param } from '@nestjs/common';
import { sendToDevice } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { parseToDeviceMessages } from './to-device-messages';
import { ToDeviceService } from './to-device.service';

type Empty = Record<string, never>;

@Controller()
export class ToDeviceController {
  constructor(private readonly toDevice: ToDeviceService) {}

  /**
   * PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId} — client-server-api "Send-to-Device
   * messaging"; a repeated txnId from the same device sends nothing again.
   */
  @MatrixRoute(sendToDevice)
  async sendToDevice(
    @Requester() requester: Requester,
    @Param('eventType') eventType: string,
    @Param('txnId') txnId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const messages = parseToDeviceMessages(jsonObject(body));
    await this.toDevice.send(requester, eventType, txnId, messages);
    return {};
  }
}
