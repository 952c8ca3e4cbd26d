import { createSchema } from './0001-create-schema.js';
import type { Migration } from './migration.js';

/** Every migration in version order; append new ones at the end. */
export const allMigrations: readonly Migration[] = [createSchema];
