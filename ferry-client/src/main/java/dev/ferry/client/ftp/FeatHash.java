package dev.ferry.client.ftp;

import dev.ferry.client.remote.RemoteHash;
import dev.ferry.core.transfer.HashAlgorithm;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the HASH extension (draft-bryan-ftpext-hash): its FEAT line and its 213 reply. */
final class FeatHash {

    private static final Pattern REPLY = Pattern.compile("213 (\\S+) (\\d+)-(\\d+) ([0-9A-Fa-f]+)(?: .*)?", Pattern.DOTALL);

    private FeatHash() {}

    /** "SHA-256*;SHA-1;MD5" (the FEAT value after "HASH ") as the algorithms we also know. */
    static Set<HashAlgorithm> algorithms(String featValue) {
        Set<HashAlgorithm> out = EnumSet.noneOf(HashAlgorithm.class);
        for (String name : featValue.split(";")) {
            HashAlgorithm.byName(name.replace("*", "").trim()).ifPresent(out::add);
        }
        return out;
    }

    /** Parses "213 SHA-256 0-1023 abcd... name"; empty when the reply is not of that form. */
    static Optional<RemoteHash> parse(String reply, HashAlgorithm expected) {
        Matcher m = REPLY.matcher(reply.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<HashAlgorithm> algorithm = HashAlgorithm.byName(m.group(1));
        if (algorithm.isEmpty() || algorithm.get() != expected) {
            return Optional.empty();
        }
        return Optional.of(new RemoteHash(expected, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                m.group(4).toLowerCase(java.util.Locale.ROOT)));
    }
}
