/** Entries in a feed unless asked otherwise: the newest changes, as readers poll them; older events stay in the store and the API. */
export const DEFAULT_ENTRY_LIMIT = 50;
