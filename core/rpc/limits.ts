/** Largest RPC message either transport accepts: the biggest real call is a few kilobytes. */
export const MAX_RPC_BYTES = 256 * 1024;
