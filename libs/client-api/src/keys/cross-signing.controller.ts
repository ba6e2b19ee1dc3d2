import { Body, Controller } from '@nestjs/common';
import {
  uploadCrossSigningKeys,
  uploadCrossSigningSignatures,
  UploadSignaturesResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { CrossSigningService } from './cross-signing.service';
import { KeySignaturesService } from './key-signatures.service';

type Empty = Record<string, never>;

@Controller()
export class CrossSigningController {
  constructor(
    private readonly crossSigning: CrossSigningService,
    private readonly signatures: KeySignaturesService,
  ) {}

  /** POST /_matrix/client/v3/keys/device_signing/upload — client-server-api "Cross-signing"; UIA when replacing keys. */
  @MatrixRoute(uploadCrossSigningKeys)
  async uploadCrossSigningKeys(@Requester() requester: Requester, @Body() body: unknown): Promise<Empty> {
    await this.crossSigning.upload(requester, jsonObject(body));
    return {};
  }

  /** POST /_matrix/client/v3/keys/signatures/upload — client-server-api "Cross-signing". */
  @MatrixRoute(uploadCrossSigningSignatures)
  uploadCrossSigningSignatures(
    @Requester() requester: Requester,
    @Body() body: unknown,
  ): Promise<UploadSignaturesResponse> {
    return this.signatures.upload(requester, jsonObject(body));
  }
}
