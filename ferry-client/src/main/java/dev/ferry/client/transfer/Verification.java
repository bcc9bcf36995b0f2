package dev.ferry.client.transfer;

import dev.ferry.core.transfer.HashAlgorithm;

/** What the client could say about a transferred file after the fact. */
public sealed interface Verification {

    /** One line for the user: "verified sha256", "not verified: ...". */
    String describe();

    /** The whole file's hash matched the server's. */
    record Verified(HashAlgorithm algorithm) implements Verification {
        @Override
        public String describe() {
            return "verified " + algorithm.shortName();
        }
    }

    /** The server cannot hash; only the sizes were compared. */
    record SizeOnly(long size, String why) implements Verification {
        @Override
        public String describe() {
            return "not verified: " + why + " (sizes match: " + size + " bytes)";
        }
    }

    /** Not asked for (no resume, no --verify). */
    record NotChecked() implements Verification {
        @Override
        public String describe() {
            return "";
        }
    }
}
