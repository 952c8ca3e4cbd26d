/**
 * The original Cruddur's mock users and cruds, now rows. Times are offsets in hours from the
 * moment the seed runs, so a fresh database always has a live feed.
 */
export interface SeedUser {
  handle: string;
  displayName: string;
  email: string;
}

export interface SeedActivity {
  key: string;
  handle: string;
  message: string;
  createdHoursAgo: number;
  expiresInHours: number;
  replyTo?: string;
}

export interface SeedMessage {
  from: string;
  to: string;
  message: string;
  createdHoursAgo: number;
}

export const seedUsers: readonly SeedUser[] = [
  { handle: 'andrewbrown', displayName: 'Andrew Brown', email: 'andrew@exampro.co' },
  { handle: 'worf', displayName: 'Worf', email: 'worf@example.com' },
  { handle: 'garek', displayName: 'Garek', email: 'garek@example.com' },
];

const DAY = 24;

export const seedActivities: readonly SeedActivity[] = [
  {
    key: 'cloud',
    handle: 'andrewbrown',
    message: 'Cloud is very fun!',
    createdHoursAgo: 2 * DAY,
    expiresInHours: 30 * DAY,
  },
  {
    key: 'no-honor',
    handle: 'worf',
    message: 'This post has no honor!',
    createdHoursAgo: 2 * DAY - 1,
    expiresInHours: 30 * DAY,
    replyTo: 'cloud',
  },
  {
    key: 'prune-juice',
    handle: 'worf',
    message: 'I am out of prune juice',
    createdHoursAgo: 7 * DAY,
    expiresInHours: 30 * DAY,
  },
  {
    key: 'tailor',
    handle: 'garek',
    message: 'My dear @andrewbrown, I am just a simple tailor. Nothing more.',
    createdHoursAgo: 2,
    expiresInHours: 7 * DAY,
  },
];

export const seedMessages: readonly SeedMessage[] = [
  {
    from: 'andrewbrown',
    to: 'worf',
    message: 'Have you had your prune juice today?',
    createdHoursAgo: 3,
  },
  { from: 'worf', to: 'andrewbrown', message: 'Today is a good day to die.', createdHoursAgo: 2 },
  {
    from: 'garek',
    to: 'andrewbrown',
    message: 'Lies are the foundation of a good conversation.',
    createdHoursAgo: 1,
  },
];
