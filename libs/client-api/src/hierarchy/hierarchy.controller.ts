import { Controller, Param, Query } from '@nestjs/common';
import { getSpaceHierarchy, SpaceHierarchyResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { parseHierarchyQuery } from './hierarchy-query';
import { SpaceHierarchyService } from './space-hierarchy.service';

@Controller()
export class HierarchyController {
  constructor(private readonly hierarchy: SpaceHierarchyService) {}

  /** GET /_matrix/client/v1/rooms/{roomId}/hierarchy — client-server-api "Discovering rooms within spaces". */
  @MatrixRoute(getSpaceHierarchy)
  getSpaceHierarchy(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<SpaceHierarchyResponse> {
    return this.hierarchy.hierarchy(requester, roomId, parseHierarchyQuery(query));
  }
}
