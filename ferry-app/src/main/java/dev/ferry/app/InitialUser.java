package dev.ferry.app;

import dev.ferry.core.auth.PasswordHasher;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserStore;
import dev.ferry.core.user.UserStoreException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * First start with an empty user store: create user {@code ferry} with a strong random password
 * and print it, once, to the console (never to the log).
 */
final class InitialUser {

    static final String NAME = "ferry";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 24; // ~140 bits from a 57-symbol alphabet

    private InitialUser() {}

    static void ensure(UserStore store, PasswordHasher hasher, Path dataDir, PrintStream out) throws UserStoreException {
        if (!store.list().isEmpty()) {
            return;
        }
        String password = randomPassword();
        char[] secret = password.toCharArray();
        try {
            store.create(User.withDefaults(NAME, hasher.hash(secret)));
        } catch (UserStoreException e) {
            if (e.reason() == UserStoreException.Reason.ALREADY_EXISTS) {
                return; // another process made it first
            }
            throw e;
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
        out.println("First start: created user '" + NAME + "' with password: " + password);
        out.println("  This is shown only once. Change it with: bin/ferry user passwd " + NAME + " --data " + dataDir);
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
