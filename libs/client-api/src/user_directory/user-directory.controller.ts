import { Body, Controller } from '@nestjs/common';
import { MatrixError, searchUserDirectory, SearchUserDirectoryResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, numberField, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { UserDirectoryService } from './user-directory.service';

/** "Defaults to 10" results. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

@Controller()
export class UserDirectoryController {
  constructor(private readonly directory: UserDirectoryService) {}

  /** POST /_matrix/client/v3/user_directory/search — client-server-api "User directory"; 400 for a bad body. */
  @MatrixRoute(searchUserDirectory)
  searchUserDirectory(
    @Requester() requester: Requester,
    @Body() body: unknown,
  ): Promise<SearchUserDirectoryResponse> {
    const request = jsonObject(body);
    const term = stringField(request, 'search_term', { required: true });
    const limit = numberField(request, 'limit', { integer: true }) ?? DEFAULT_LIMIT;
    if (limit < 0) throw new MatrixError('M_INVALID_PARAM', 400, 'limit must not be negative');
    return this.directory.search(requester.userId, term, Math.min(limit, MAX_LIMIT));
  }
}
