/**
 * The renewal-reminder filter `/restapi/v1.0/subscription/~?threshold=T&interval=I`
 * (ringcentral-protocol.md §5.4 f). Its `~` means "this subscription" and stays unexpanded in
 * stored filters (§2.1). Published events never match it: the scheduler sends reminders.
 */
export const REMINDER_PATH = '/restapi/v1.0/subscription/~';

/**
 * True when `filter` is the reminder filter (any parameters).
 *
 * @example
 * isReminderFilter({ path: '/restapi/v1.0/subscription/~' }); // → true
 */
export function isReminderFilter(filter: { path: string }): boolean {
  return filter.path === REMINDER_PATH;
}
