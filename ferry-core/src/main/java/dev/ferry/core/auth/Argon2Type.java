package dev.ferry.core.auth;

/** The three Argon2 variants, by their PHC identifier and RFC 9106's number. */
enum Argon2Type {
    ARGON2D("argon2d", Argon2Engine.TYPE_D),
    ARGON2I("argon2i", Argon2Engine.TYPE_I),
    ARGON2ID("argon2id", Argon2Engine.TYPE_ID);

    final String phcId;
    /** The type number RFC 9106 puts into H0 (what {@link Argon2Engine} takes). */
    final int rfcType;

    Argon2Type(String phcId, int rfcType) {
        this.phcId = phcId;
        this.rfcType = rfcType;
    }

    static Argon2Type byPhcId(String id) {
        for (Argon2Type t : values()) {
            if (t.phcId.equals(id)) {
                return t;
            }
        }
        return null;
    }
}
