const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A `<t:unix:style>` timestamp as text. Discord renders it in each reader's time zone; Matrix has
 * no such markup, so it is written in UTC. Relative times ("R") would change as time passes and
 * this function must stay pure, so they are written like "f".
 */
export function formatDiscordTimestamp(unix: number, style: string): string {
  const date = new Date(unix * 1000);
  if (Number.isNaN(date.getTime())) return String(unix);
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  switch (style) {
    case 't':
      return `${time} UTC`;
    case 'T':
      return `${time}:${two(date.getUTCSeconds())} UTC`;
    case 'd':
      return `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
    case 'D':
      return day;
    case 'F':
      return `${DAYS[date.getUTCDay()]}, ${day} ${time} UTC`;
    default:
      return `${day} ${time} UTC`;
  }
}
