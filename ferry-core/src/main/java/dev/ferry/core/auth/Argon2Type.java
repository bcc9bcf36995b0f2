package dev.ferry.core.auth;

import org.bouncycastle.crypto.params.Argon2Parameters;

/** The three Argon2 variants, by their PHC identifier and Bouncy Castle's constant. */
enum Argon2Type {
    ARGON2D("argon2d", Argon2Parameters.ARGON2_d),
    ARGON2I("argon2i", Argon2Parameters.ARGON2_i),
    ARGON2ID("argon2id", Argon2Parameters.ARGON2_id);

    final String phcId;
    final int bcType;

    Argon2Type(String phcId, int bcType) {
        this.phcId = phcId;
        this.bcType = bcType;
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
