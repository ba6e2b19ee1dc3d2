import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { SearchUserDirectoryResponse, UserDirectoryResult } from '@switchboard/protocol';
import { Transactions, UserDirectoryRepository } from '@switchboard/storage';

/**
 * POST /user_directory/search: "The homeserver may determine which subset of users are searched.
 * However, the homeserver MUST at a minimum consider the users the requesting user shares a room
 * with and those who reside in public rooms (known to the homeserver)." That minimum is what is
 * searched unless `user_directory.search_all_users` is set (false by default, as in Synapse).
 */
@Injectable()
export class UserDirectoryService {
  constructor(
    private readonly transactions: Transactions,
    private readonly directory: UserDirectoryRepository,
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
  ) {}

  async search(searcher: string, term: string, limit: number): Promise<SearchUserDirectoryResponse> {
    // "The search is performed case-insensitively on user IDs and display names": every word of
    // the term must appear in one or the other.
    const terms = [
      ...new Set(
        term
          .trim()
          .split(/\s+/u)
          .filter((t) => t.length > 0),
      ),
    ];
    if (terms.length === 0) return { results: [], limited: false };
    const users = await this.directory.search(
      this.transactions.reader,
      searcher,
      terms,
      limit + 1,
      this.config.user_directory.search_all_users,
    );
    const results = users.slice(0, limit).map((user) => {
      const result: UserDirectoryResult = { user_id: user.userId };
      if (user.displayName !== null) result.display_name = user.displayName;
      if (user.avatarUrl !== null) result.avatar_url = user.avatarUrl;
      return result;
    });
    return { results, limited: users.length > limit };
  }
}
