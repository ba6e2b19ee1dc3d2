import { Controller, Param, Query } from '@nestjs/common';
import { federationGetSpaceHierarchy, FederationHierarchyResponse, MatrixError } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Origin } from '../auth/origin.decorator';
import { LocalHierarchy } from './local-hierarchy.service';

@Controller()
export class FederationHierarchyController {
  constructor(private readonly hierarchy: LocalHierarchy) {}

  /** GET /_matrix/federation/v1/hierarchy/{roomId} — server-server-api "Spaces". */
  @MatrixRoute(federationGetSpaceHierarchy)
  getSpaceHierarchy(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Query('suggested_only') suggestedOnly: unknown,
  ): Promise<FederationHierarchyResponse> {
    if (suggestedOnly !== undefined && suggestedOnly !== 'true' && suggestedOnly !== 'false') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'suggested_only must be true or false');
    }
    return this.hierarchy.hierarchy(origin, roomId, suggestedOnly === 'true');
  }
}
