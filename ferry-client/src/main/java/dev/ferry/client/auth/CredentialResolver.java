package dev.ferry.client.auth;

import dev.ferry.client.remote.Protocol;
import dev.ferry.client.remote.RemoteUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who logs in and with which password, in this order: the URL's password,
 * {@code --password-stdin}, the environment variable {@code FERRY_PASSWORD}, the netrc file
 * (machine entry, then default), and last a prompt without echo when there is a terminal. A URL
 * without a user logs in as the netrc login, else anonymously (FTP) or as the local user (SFTP).
 */
public final class CredentialResolver {

    /** Asks for a password without echo; empty when there is no terminal to ask on. */
    @FunctionalInterface
    public interface Prompt {
        Optional<char[]> password(String question);
    }

    /** Why no usable credentials exist; the message tells the user what to do. */
    public static final class Missing extends Exception {
        public Missing(String message) {
            super(message);
        }
    }

    public static final String PASSWORD_ENV = "FERRY_PASSWORD";

    private final Optional<char[]> stdinPassword;
    private final Map<String, String> env;
    private final Optional<Path> netrcFile;
    private final Prompt prompt;

    /**
     * @param stdinPassword the first line of standard input, when --password-stdin was given
     * @param netrcFile     the netrc to read (--netrc-file, else ~/.netrc); a missing file is fine
     */
    public CredentialResolver(Optional<char[]> stdinPassword, Map<String, String> env, Optional<Path> netrcFile, Prompt prompt) {
        this.stdinPassword = stdinPassword;
        this.env = Map.copyOf(env);
        this.netrcFile = netrcFile;
        this.prompt = prompt;
    }

    /** The default netrc location: $NETRC, else ~/.netrc. */
    public static Optional<Path> defaultNetrc(Map<String, String> env) {
        if (env.containsKey("NETRC")) {
            return Optional.of(Path.of(env.get("NETRC")));
        }
        String home = System.getProperty("user.home");
        return home == null ? Optional.empty() : Optional.of(Path.of(home, ".netrc"));
    }

    public Credentials resolve(RemoteUrl url) throws Missing, IOException {
        if (url.password().isPresent()) {
            return new Credentials(url.user().orElse(Credentials.ANONYMOUS), Optional.of(url.password().get().toCharArray()), "the URL");
        }
        Optional<Netrc.Entry> netrc = netrcEntry(url);
        Optional<String> netrcLogin = netrc.flatMap(Netrc.Entry::login);
        if (stdinPassword.isPresent()) {
            return new Credentials(userOrDefault(url, netrcLogin), Optional.of(stdinPassword.get().clone()), "standard input");
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null) {
            return new Credentials(userOrDefault(url, netrcLogin), Optional.of(fromEnv.toCharArray()), PASSWORD_ENV);
        }
        if (netrc.isPresent() && netrc.get().password().isPresent()
                && (url.user().isEmpty() || netrc.get().login().isEmpty() || netrc.get().login().equals(url.user()))) {
            String user = url.user().or(() -> netrc.get().login()).orElse(Credentials.ANONYMOUS);
            return new Credentials(user, Optional.of(netrc.get().password().get().toCharArray()), "netrc");
        }
        String user = userOrDefault(url, netrcLogin);
        if (url.protocol() != Protocol.SFTP && user.equals(Credentials.ANONYMOUS)) {
            return new Credentials(user, Optional.of("ferry@".toCharArray()), "anonymous login");
        }
        Optional<char[]> typed = prompt.password(user + "@" + url.host() + "'s password: ");
        if (typed.isPresent()) {
            return new Credentials(user, typed, "the prompt");
        }
        if (url.protocol() == Protocol.SFTP) {
            return new Credentials(user, Optional.empty(), "none (SSH keys only)");
        }
        throw new Missing("no password for " + user + "@" + url.host() + ": give it with --password-stdin, "
                + PASSWORD_ENV + ", a netrc entry, or run on a terminal to be asked");
    }

    private String userOrDefault(RemoteUrl url, Optional<String> netrcLogin) {
        if (url.user().isPresent()) {
            return url.user().get();
        }
        if (netrcLogin.isPresent()) {
            return netrcLogin.get();
        }
        if (url.protocol() == Protocol.SFTP) {
            return Optional.ofNullable(env.get("USER")).or(() -> Optional.ofNullable(System.getProperty("user.name"))).orElse("root");
        }
        return Credentials.ANONYMOUS;
    }

    private Optional<Netrc.Entry> netrcEntry(RemoteUrl url) throws IOException {
        if (netrcFile.isEmpty() || !Files.isRegularFile(netrcFile.get())) {
            return Optional.empty();
        }
        return Netrc.read(netrcFile.get()).find(url.host(), url.user());
    }
}
