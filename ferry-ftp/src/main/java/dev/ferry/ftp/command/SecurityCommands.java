package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.NONE;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.text.AsciiDecimal;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.user.User;
import dev.ferry.core.user.UserTls;
import dev.ferry.ftp.FtpSession;
import dev.ferry.ftp.tls.SessionTls;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FTPS (RFC 4217, on the RFC 2228 security commands): AUTH, PBSZ, PROT, CCC; and the TLS policy
 * checks that login and the data commands ask for.
 */
final class SecurityCommands {

    private static final Logger SECURITY = LoggerFactory.getLogger("ferry.security");

    private SecurityCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("AUTH", false, REQUIRED, "AUTH <sp> TLS (start TLS on the control connection; SSL is a synonym)", SecurityCommands::auth);
        t.add("PBSZ", false, REQUIRED, "PBSZ <sp> 0 (protection buffer size; always 0 with TLS)", SecurityCommands::pbsz);
        t.add("PROT", false, REQUIRED, "PROT <sp> P | C (data connections private or clear)", SecurityCommands::prot);
        t.add("CCC", false, NONE, "CCC (clear the control connection: refused)", SecurityCommands::ccc);
        // RFC 2228's other security commands: TLS has no security data to exchange (RFC 4217).
        t.notImplemented("ADAT", "ADAT <sp> base64-data (not used with TLS)");
        t.notImplemented("MIC", "MIC <sp> base64-data (not used with TLS)");
        t.notImplemented("CONF", "CONF <sp> base64-data (not used with TLS)");
        t.notImplemented("ENC", "ENC <sp> base64-data (not used with TLS)");
        // Offered only where they can work: not without a certificate, and AUTH not on the implicit
        // port, whose connections are protected from their first byte (AUTH answers 503 there).
        t.feature(s -> s.tls().available() && !s.implicitTls() ? "AUTH TLS" : null);
        t.feature(s -> s.tls().available() ? "PBSZ" : null);
        t.feature(s -> s.tls().available() ? "PROT" : null);
    }

    static void auth(FtpSession s, String arg) throws IOException {
        String mechanism = arg.trim().toUpperCase(Locale.ROOT);
        SessionTls tls = s.tls();
        if (!mechanism.equals("TLS") && !mechanism.equals("TLS-C") && !mechanism.equals("SSL") && !mechanism.equals("TLS-P")) {
            s.reply(504, "Security mechanism '" + FtpSession.printable(arg.trim()) + "' not understood; use AUTH TLS.");
            return;
        }
        if (!tls.available()) {
            s.reply(431, "TLS is not available on this server.");
            return;
        }
        if (tls.active()) {
            s.reply(503, "The control connection is already protected by TLS.");
            return;
        }
        if (s.user().isPresent()) {
            s.reply(503, "AUTH must come before login; reconnect and send AUTH TLS first.");
            return;
        }
        s.setPendingUser(null); // RFC 4217 4: the login starts over inside TLS
        s.reply(234, "Proceed with TLS negotiation.");
        s.startTls();
        if (mechanism.equals("SSL") || mechanism.equals("TLS-P")) {
            // The pre-RFC drafts: these names meant "data protected too" with no PBSZ/PROT.
            tls.setPbsz();
            tls.setProtectData(true);
        }
    }

    static void pbsz(FtpSession s, String arg) throws IOException {
        if (!s.tls().active()) {
            s.reply(503, "PBSZ needs a protected control connection: send AUTH TLS first.");
            return;
        }
        String a = arg.trim();
        if (AsciiDecimal.parse(a, 0xFFFF_FFFFL) < 0) { // RFC 2228: a 32-bit unsigned integer
            s.reply(501, "PBSZ needs a decimal number below 2^32; 0 with TLS.");
            return;
        }
        s.tls().setPbsz();
        s.reply(200, "PBSZ=0");
    }

    static void prot(FtpSession s, String arg) throws IOException {
        SessionTls tls = s.tls();
        if (!tls.active()) {
            s.reply(503, "PROT needs a protected control connection: send AUTH TLS first.");
            return;
        }
        if (!tls.pbszDone()) {
            s.reply(503, "PROT needs PBSZ first (PBSZ 0).");
            return;
        }
        switch (arg.trim().toUpperCase(Locale.ROOT)) {
            case "P" -> {
                tls.setProtectData(true);
                s.reply(200, "Protection level set to Private: data connections use TLS.");
            }
            case "C" -> {
                if (tls.policy(account(s)).requiresData()) {
                    s.reply(534, "PROT C refused: this server requires protected data connections (PROT P).");
                    return;
                }
                tls.setProtectData(false);
                s.reply(200, "Protection level set to Clear: data connections are not encrypted.");
            }
            case "S", "E" -> s.reply(536, "Protection level " + arg.trim().toUpperCase(Locale.ROOT)
                    + " not supported with TLS; use P or C.");
            default -> s.reply(504, "Unknown protection level '" + FtpSession.printable(arg.trim()) + "'; use P or C.");
        }
    }

    static void ccc(FtpSession s, String arg) throws IOException {
        if (!s.tls().active()) {
            s.reply(533, "The control connection is not protected; nothing to clear.");
            return;
        }
        s.reply(534, "CCC refused: the control connection stays encrypted.");
    }

    // --- policy checks ---------------------------------------------------------------------

    private static Optional<UserTls> account(FtpSession s) {
        return s.user().map(User::tls);
    }

    /**
     * USER: when TLS is required for login (by the server, or by this account) and the control
     * connection is clear, refuses before the password is sent. Returns false when it replied.
     *
     * <p>The account's own policy, read at USER, replaces the server's; so when some accounts differ
     * from the server, the reply to USER tells that such an account exists. With no per-account
     * policies the reply is the same for every name.
     */
    static boolean userAllowed(FtpSession s, String name) throws IOException {
        SessionTls tls = s.tls();
        if (tls.active()) {
            return true;
        }
        if (tls.policy(tls.accountRules(name)).requiresLogin()) {
            SECURITY.info("refused clear-text login of {} from {}: TLS required", FtpSession.printable(name), s.who());
            s.reply(530, "TLS required: send AUTH TLS first (your password would cross the network in the clear).");
            return false;
        }
        return true;
    }

    /** After the password: the account's own policy, in case it changed since USER. Returns false when it replied. */
    static boolean loginAllowed(FtpSession s, User user) throws IOException {
        if (s.tls().active() || !s.tls().policy(Optional.of(user.tls())).requiresLogin()) {
            return true;
        }
        s.reply(530, "TLS required for this account: reconnect and send AUTH TLS first.");
        return false;
    }

    /**
     * Before a data transfer: with policy {@code all}, a clear data connection is refused (RFC 4217
     * 10: 521). Returns false when it replied.
     */
    static boolean dataAllowed(FtpSession s) throws IOException {
        SessionTls tls = s.tls();
        if (tls.protectsData() && tls.active()) {
            return true;
        }
        if (tls.policy(account(s)).requiresData()) {
            s.closeDataEndpoint();
            s.reply(521, "Data connections must be protected: send PBSZ 0 and PROT P first.");
            return false;
        }
        return true;
    }
}
