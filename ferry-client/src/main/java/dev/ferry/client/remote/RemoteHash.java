package dev.ferry.client.remote;

import dev.ferry.core.transfer.HashAlgorithm;

/** A server's hash of a file, or of the bytes {@code start..endInclusive} (-1: to the end, where the server did not say). */
public record RemoteHash(HashAlgorithm algorithm, long start, long endInclusive, String hex) {}
