import { UserEntity } from './user.entity';

export const ENTITIES = [UserEntity];
export { UserEntity };
