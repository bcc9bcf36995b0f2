package dev.ferry.ftp.listing;

/** The one rule deciding which names a listing may carry, shared by LIST, NLST and MLSx. */
public final class ListingNames {

    private ListingNames() {}

    /**
     * False for names that cannot appear in a line-oriented listing: empty names (every listing
     * format needs a name to end the line), and names containing CR or LF, which clients would
     * split into a second, forged entry. Bare CR counts too: Java's readers and several FTP clients
     * end a line at a lone CR.
     */
    public static boolean isListable(String name) {
        return !name.isEmpty() && name.indexOf('\r') < 0 && name.indexOf('\n') < 0;
    }
}
