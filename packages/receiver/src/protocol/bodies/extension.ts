/**
 * Extension event bodies (ringcentral-protocol.md §5.4 e): one extension
 * (`/restapi/v1.0/account/~/extension/~`) and the account's list (`/restapi/v1.0/account/~/extension`).
 * `hints` name the APIs whose data changed, for the client to read again.
 */

export type ExtensionHint =
  | 'AccountSettings'
  | 'AccountStatus'
  | 'AnsweringRules'
  | 'CompanyNumbers'
  | 'DialingPlan'
  | 'ExtensionInfo'
  | 'Features'
  | 'Limits'
  | 'Permissions'
  | 'ProfileImage'
  | 'VideoConfiguration'
  | 'CallQueueMembersChange';

/** One extension changed. `Delete` is how an app learns it was uninstalled. */
export interface ExtensionEventBody {
  extensionId: string;
  eventType: 'Update' | 'Delete';
  /** `Update` only. */
  hints?: ExtensionHint[];
  ownerId?: string;
}

export interface ExtensionListEventBody {
  extensions: Array<{
    extensionId: string;
    eventType: 'Create' | 'Update' | 'Delete';
    hints?: ExtensionHint[];
  }>;
  ownerId?: string;
}
