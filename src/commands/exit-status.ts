/**
 * The exit statuses of `feedfold`, for cron wrappers and scripts (the README
 * lists them):
 * - 0: done, everything went through;
 * - 1: done, but some files or sources failed (each printed; the rest is stored);
 * - 2: nothing was done: a bad option or config, the lock held by another
 *   feedfold, a store that cannot be read or written;
 * - 70: a bug in feedfold (the stack is printed).
 */
export const EXIT_SOME_FAILED = 1;
export const EXIT_NOT_DONE = 2;
export const EXIT_BUG = 70;
