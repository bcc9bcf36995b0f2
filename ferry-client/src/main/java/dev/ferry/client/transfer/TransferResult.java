package dev.ferry.client.transfer;

/**
 * A finished transfer.
 *
 * @param size        the file's final size
 * @param resumedFrom the first offset a run started at after the start (0 when nothing was resumed)
 * @param attempts    how many connections it took
 */
public record TransferResult(long size, long resumedFrom, int attempts, Verification verification) {}
