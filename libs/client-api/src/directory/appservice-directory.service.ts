import { Injectable } from '@nestjs/common';
import { Appservice } from '@switchboard/appservice';
import { MatrixError } from '@switchboard/protocol';
import { AppserviceRoomListRepository, RoomsRepository, Transactions } from '@switchboard/storage';

/**
 * application-service-api "Published room directories": "Application services can maintain their
 * own published room directories for their defined third-party protocols", one per network,
 * apart from the server's own. /publicRooms lists them for `third_party_instance_id` and
 * `include_all_networks`.
 */
@Injectable()
export class AppserviceDirectoryService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomsRepository,
    private readonly lists: AppserviceRoomListRepository,
  ) {}

  /** Only a room this server knows can be published; taking any room out always succeeds. */
  async setVisibility(
    service: Appservice,
    networkId: string,
    roomId: string,
    visibility: 'public' | 'private',
  ): Promise<void> {
    const q = this.transactions.reader;
    if (visibility === 'private') return this.lists.remove(q, service.id, networkId, roomId);
    if (!(await this.rooms.get(q, roomId))) throw new MatrixError('M_NOT_FOUND', 404, 'Room not found');
    await this.lists.add(q, service.id, networkId, roomId);
  }
}
