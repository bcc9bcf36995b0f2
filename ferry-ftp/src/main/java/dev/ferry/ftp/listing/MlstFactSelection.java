package dev.ferry.ftp.listing;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which facts MLSD and MLST report to one session: all of them until the client says otherwise
 * with {@code OPTS MLST} (RFC 3659 section 7.9). An immutable value; the session keeps the current
 * one.
 *
 * @param enabled the facts to report
 */
public record MlstFactSelection(Set<MlsxFact> enabled) {

    private static final MlstFactSelection ALL = new MlstFactSelection(EnumSet.allOf(MlsxFact.class));

    public MlstFactSelection {
        enabled = Collections.unmodifiableSet(enabled.isEmpty() ? EnumSet.noneOf(MlsxFact.class) : EnumSet.copyOf(enabled));
    }

    /** The selection of a new session: every supported fact. */
    public static MlstFactSelection all() {
        return ALL;
    }

    /**
     * Parses the argument of {@code OPTS MLST}, the text after {@code "MLST"}, such as
     * {@code "type;size;modify;"}. Unknown facts are ignored, as the RFC requires, and names are
     * case-insensitive. An empty argument selects no facts: that is how a client asks for bare
     * names. A last name without its ';' is still taken, since it can only mean one thing.
     */
    public static MlstFactSelection parse(String factList) {
        EnumSet<MlsxFact> out = EnumSet.noneOf(MlsxFact.class);
        for (String name : factList.split(";")) {
            MlsxFact.byName(name).ifPresent(out::add);
        }
        return new MlstFactSelection(out);
    }

    public boolean isEnabled(MlsxFact fact) {
        return enabled.contains(fact);
    }

    /**
     * The text of the 200 reply to {@code OPTS MLST}: {@code "MLST OPTS type;size;"}, each enabled
     * fact followed by ';', or just {@code "MLST OPTS"} when none is.
     */
    public String optsReply() {
        StringBuilder b = new StringBuilder("MLST OPTS");
        if (!enabled.isEmpty()) {
            b.append(' ');
            enabled.forEach(f -> b.append(f.wireName()).append(';'));
        }
        return b.toString();
    }

    /**
     * The MLST line of the FEAT reply, without FEAT's leading space: every supported fact, with a
     * '*' after the enabled ones, such as {@code "MLST type*;size*;modify*;perm;unique;UNIX.mode;"}.
     */
    public String featLine() {
        StringBuilder b = new StringBuilder("MLST ");
        for (MlsxFact f : MlsxFact.values()) {
            b.append(f.wireName()).append(enabled.contains(f) ? "*;" : ";");
        }
        return b.toString();
    }
}
