package dev.ferry.client.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ~/.netrc file, read the way ftp(1), curl and lftp read it: whitespace-separated tokens,
 * {@code machine NAME login USER password PASS}, {@code default} as the catch-all, {@code macdef}
 * blocks skipped up to the next empty line, quoted tokens ("a b") allowed.
 */
public final class Netrc {

    /** One machine (or the default) entry. */
    public record Entry(Optional<String> machine, Optional<String> login, Optional<String> password) {}

    private final List<Entry> entries;

    private Netrc(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Netrc read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Netrc parse(String text) {
        List<String> tokens = tokens(text);
        List<Entry> entries = new ArrayList<>();
        String machine = null;
        String login = null;
        String password = null;
        boolean inEntry = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            switch (t) {
                case "machine", "default" -> {
                    if (inEntry) {
                        entries.add(new Entry(Optional.ofNullable(machine), Optional.ofNullable(login), Optional.ofNullable(password)));
                    }
                    inEntry = true;
                    login = null;
                    password = null;
                    machine = t.equals("machine") && i + 1 < tokens.size() ? tokens.get(++i) : null;
                }
                case "login" -> login = i + 1 < tokens.size() ? tokens.get(++i) : null;
                case "password" -> password = i + 1 < tokens.size() ? tokens.get(++i) : null;
                case "account" -> i++;
                default -> { /* macdef bodies were removed by tokens(); unknown words are ignored */ }
            }
        }
        if (inEntry) {
            entries.add(new Entry(Optional.ofNullable(machine), Optional.ofNullable(login), Optional.ofNullable(password)));
        }
        return new Netrc(entries);
    }

    /**
     * The entry for a host: the first {@code machine} with that name (and that login, when the URL
     * names a user), else {@code default}.
     */
    public Optional<Entry> find(String host, Optional<String> user) {
        for (Entry e : entries) {
            if (e.machine().isPresent() && e.machine().get().equalsIgnoreCase(host)
                    && (user.isEmpty() || e.login().isEmpty() || e.login().equals(user))) {
                return Optional.of(e);
            }
        }
        return entries.stream().filter(e -> e.machine().isEmpty()
                && (user.isEmpty() || e.login().isEmpty() || e.login().equals(user))).findFirst();
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean inMacro = false;
        for (String line : lines) {
            if (inMacro) {
                if (line.isBlank()) {
                    inMacro = false;
                }
                continue;
            }
            int i = 0;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#' && line.substring(0, i).isBlank()) {
                    break; // a comment line
                } else if (c == '"') {
                    StringBuilder b = new StringBuilder();
                    i++;
                    while (i < line.length() && line.charAt(i) != '"') {
                        if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                            i++;
                        }
                        b.append(line.charAt(i++));
                    }
                    i++;
                    out.add(b.toString());
                } else {
                    int start = i;
                    while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    out.add(line.substring(start, i));
                }
            }
            if (!out.isEmpty() && out.getLast().equals("macdef")) {
                inMacro = true;
                out.removeLast();
            } else if (out.size() >= 2 && out.get(out.size() - 2).equals("macdef")) {
                inMacro = true;
                out.removeLast();
                out.removeLast();
            }
        }
        return out;
    }
}
