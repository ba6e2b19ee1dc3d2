import { Body, Controller, Query } from '@nestjs/common';
import {
  claimKeys,
  ClaimKeysResponse,
  getKeysChanges,
  KeysChangesResponse,
  queryKeys,
  QueryKeysResponse,
  uploadKeys,
  UploadKeysResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { jsonObject, queryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { DeviceListChanges } from '../device_lists/device-list-changes.service';
import { DEVICE_LISTS_STREAM } from '../device_lists/device-list-updates.service';
import { parseSyncToken } from '../sync/sync-token';
import { KeyClaimService } from './key-claim.service';
import { KeyQueryService } from './key-query.service';
import { KeyUploadService } from './key-upload.service';

@Controller()
export class KeysController {
  constructor(
    private readonly uploads: KeyUploadService,
    private readonly queries: KeyQueryService,
    private readonly claims: KeyClaimService,
    private readonly deviceLists: DeviceListChanges,
  ) {}

  /** POST /_matrix/client/v3/keys/upload — client-server-api "Uploading keys". */
  @MatrixRoute(uploadKeys)
  uploadKeys(@Requester() requester: Requester, @Body() body: unknown): Promise<UploadKeysResponse> {
    return this.uploads.upload(requester, jsonObject(body));
  }

  /** POST /_matrix/client/v3/keys/query — client-server-api "Downloading keys". */
  @MatrixRoute(queryKeys)
  queryKeys(@Requester() requester: Requester, @Body() body: unknown): Promise<QueryKeysResponse> {
    return this.queries.query(requester, jsonObject(body));
  }

  /** POST /_matrix/client/v3/keys/claim — client-server-api "Claiming one-time keys". */
  @MatrixRoute(claimKeys)
  claimKeys(@Body() body: unknown): Promise<ClaimKeysResponse> {
    return this.claims.claim(jsonObject(body));
  }

  /**
   * GET /_matrix/client/v3/keys/changes — client-server-api "Tracking the device list for a user":
   * the same news as /sync's device_lists between two of its tokens.
   */
  @MatrixRoute(getKeysChanges)
  getKeysChanges(@Requester() requester: Requester, @Query() query: unknown): Promise<KeysChangesResponse> {
    const from = parseSyncToken(queryParam(query, 'from'), 'from');
    const to = parseSyncToken(queryParam(query, 'to'), 'to');
    return this.deviceLists.between(requester.userId, {
      devicesFrom: from.get(DEVICE_LISTS_STREAM) ?? 0,
      devicesTo: to.get(DEVICE_LISTS_STREAM) ?? 0,
      eventsFrom: from.get(EVENTS_STREAM) ?? 0,
      eventsTo: to.get(EVENTS_STREAM) ?? 0,
    });
  }
}
