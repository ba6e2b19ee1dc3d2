import { Users1764145000000 } from './1764145000000-users';

/** Every migration in order; a new migration is a new file and a new line here. */
export const MIGRATIONS = [Users1764145000000];
