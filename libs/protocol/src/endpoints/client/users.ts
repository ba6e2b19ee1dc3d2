import { Endpoint } from '../endpoint.types';

/** client-server-api "POST /_matrix/client/v3/user_directory/search". */
export const searchUserDirectory: Endpoint = {
  operationId: 'searchUserDirectory',
  method: 'POST',
  path: '/_matrix/client/v3/user_directory/search',
  auth: 'access_token',
  section: 'users',
};

export interface UserDirectoryResult {
  user_id: string;
  display_name?: string;
  avatar_url?: string;
}

export interface SearchUserDirectoryResponse {
  results: UserDirectoryResult[];
  limited: boolean;
}
