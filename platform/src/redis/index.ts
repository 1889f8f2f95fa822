export { RedisLink } from './redis-link';
