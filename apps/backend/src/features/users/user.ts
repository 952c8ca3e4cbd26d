/** A Cruddur user as the API shows them. */
export interface User {
  uuid: string;
  handle: string;
  display_name: string;
}

/** The user a service acts for; undefined when nobody is signed in and there is no default. */
export type Actor = User | undefined;
