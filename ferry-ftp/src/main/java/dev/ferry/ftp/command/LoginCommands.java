package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.NONE;
import static dev.ferry.ftp.command.CommandSpec.Argument.OPTIONAL;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.auth.AuthResult;
import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.user.User;
import dev.ferry.core.session.UserContext;
import dev.ferry.ftp.FtpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** USER, PASS, QUIT, REIN. */
final class LoginCommands {

    private static final Logger LOG = LoggerFactory.getLogger(LoginCommands.class);

    /** vsftpd's max_login_fails: after this many failures the connection is closed. */
    static final int MAX_FAILED_LOGINS = 3;

    private LoginCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("USER", false, REQUIRED, "USER <sp> user-name", LoginCommands::user);
        t.add("PASS", false, OPTIONAL, "PASS <sp> password", LoginCommands::pass);
        t.addDuringTransfer("QUIT", false, NONE, "QUIT (end the session)", LoginCommands::quit);
        t.add("REIN", false, NONE, "REIN (log out, keep the connection)", LoginCommands::rein);
    }

    static void user(FtpSession s, String name) throws IOException {
        if (s.user().isPresent()) {
            s.reply(530, "Already logged in; use REIN to change user.");
            return;
        }
        if (!SecurityCommands.userAllowed(s, name.trim())) {
            return; // FTPS: TLS required before login
        }
        s.setPendingUser(name.trim());
        if (certificateLogin(s, name.trim())) {
            return; // FTPS: a client certificate stood in for the password
        }
        // The same reply for every name: USER must not reveal which accounts exist.
        s.reply(331, "Password required for " + FtpSession.printable(name.trim()) + ".");
    }

    static void pass(FtpSession s, String password) throws IOException, InterruptedException {
        if (s.user().isPresent()) {
            s.reply(230, "Already logged in.");
            return;
        }
        if (s.pendingUser().isEmpty()) {
            s.reply(503, "Login with USER first.");
            return;
        }
        String name = s.pendingUser().get();
        AuthResult result = s.context().authenticator().authenticate(name, password, s.clientAddress(), "ftp",
                s.tls().certificateName());
        switch (result) {
            case AuthResult.Success ok -> completeLogin(s, ok.user());
            case AuthResult.Failure f when f.reason() == AuthResult.Reason.BANNED -> {
                s.reply(421, "Too many failed logins from your address; try again later.");
                s.close();
            }
            case AuthResult.Failure f -> {
                int failures = s.loginFailed();
                s.reply(530, "Login incorrect.");
                if (failures >= MAX_FAILED_LOGINS) {
                    s.close();
                }
            }
            case AuthResult.Busy b -> {
                s.reply(421, "Server busy, try again later.");
                s.close();
            }
            case AuthResult.Unavailable u -> {
                s.reply(421, "Service not available: cannot check credentials now, try again later.");
                s.close();
            }
        }
    }

    private static void completeLogin(FtpSession s, User user) throws IOException {
        completeLogin(s, user, 230, "Login successful.");
    }

    private static void completeLogin(FtpSession s, User user, int code, String text) throws IOException {
        if (!SecurityCommands.loginAllowed(s, user)) {
            s.loginFailed();
            return;
        }
        if (!s.context().sessions().login(s.coreSession(), user.name(), user.limits().maxSessions())) {
            s.loginFailed();
            s.reply(530, "Too many sessions for this user; try again later.");
            return;
        }
        UserContext account;
        try {
            account = s.context().userContexts().open(user, user.name() + "@" + s.clientAddress().getHostAddress());
        } catch (IOException e) {
            LOG.error("home directory of {} unavailable: {}", user.name(), e.toString());
            s.context().sessions().logout(s.coreSession());
            s.loginFailed();
            s.reply(530, "Login refused: home directory not available.");
            return;
        }
        s.loggedIn(account);
        s.reply(code, text);
        s.continueOnFreshThread(); // leave the login's deep stack behind (idle sessions hold less)
    }

    // --- FTPS client certificates ---------------------------------------------------------------

    /**
     * USER on a TLS connection whose client sent a verified certificate naming this user: an
     * account set to cert-or-password is logged in at once (232, RFC 2228). Returns true when it
     * replied; false means "carry on with the password".
     */
    private static boolean certificateLogin(FtpSession s, String name) throws IOException {
        var certName = s.tls().certificateName();
        if (certName.isEmpty() || !certName.get().equals(name)
                || s.tls().accountRules(name).map(r -> r.clientCert() != ClientCertLogin.CERT_OR_PASSWORD).orElse(true)) {
            return false;
        }
        AuthResult result;
        try {
            result = s.context().authenticator().authenticateCertificate(name, certName.get(), s.clientAddress(), "ftp");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.close();
            return true;
        }
        switch (result) {
            case AuthResult.Success ok -> completeLogin(s, ok.user(), 232, "User logged in, authorized by client certificate.");
            case AuthResult.Failure f -> {
                return false; // disabled, expired...: the password path gives the uniform refusal
            }
            case AuthResult.Busy b -> {
                s.reply(421, "Server busy, try again later.");
                s.close();
            }
            case AuthResult.Unavailable u -> {
                s.reply(421, "Service not available: cannot check credentials now, try again later.");
                s.close();
            }
        }
        return true;
    }

    static void quit(FtpSession s, String arg) throws IOException, InterruptedException {
        s.awaitTransfer(); // RFC 959: a transfer in progress finishes and gets its reply first
        s.reply(221, "Goodbye.");
        s.close();
    }

    static void rein(FtpSession s, String arg) throws IOException {
        s.reinitialize();
        s.reply(220, "Ready for a new user.");
    }
}
