package dev.ferry.core.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.core.config.Units;
import dev.ferry.core.net.Cidr;
import dev.ferry.core.tls.ClientCertLogin;
import dev.ferry.core.tls.TlsPolicy;
import dev.ferry.core.tls.TlsReuse;
import dev.ferry.core.vfs.VfsException;
import dev.ferry.core.vfs.VirtualPath;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts as JSON, for {@code ferry user export} and {@code import}: every setting and the
 * password hash (never a password), in a document an administrator can read and edit.
 *
 * <pre>{"ferry-users": 1, "users": [{"name": "alice", "password-hash": "$argon2id$...",
 *   "permissions": "list,download", "directory-permissions": {"/incoming": "upload"},
 *   "quota-bytes": 0, "quota-files": 0, "up-rate": 0, "down-rate": 0, "max-sessions": 0,
 *   "allow": [], "deny": [], "expires": null, "disabled": false,
 *   "ssh-keys": ["ssh-ed25519 AAAA... alice@laptop"]}]}</pre>
 *
 * Reading is strict about what it does not know (a misspelt key is an error, not a silently
 * dropped limit) and lenient about how numbers are written: sizes and rates may be strings such
 * as {@code "10GiB"} or {@code "1MiB/s"}. Only {@code name} and {@code password-hash} are required.
 */
public final class UserJson {

    public static final String FORMAT_KEY = "ferry-users";
    public static final int VERSION = 1;

    /** Strict on reading: a second document or junk after the first, or a key given twice, is an error. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> KEYS = Set.of("name", "password-hash", "home", "permissions", "directory-permissions",
            "quota-bytes", "quota-files", "up-rate", "down-rate", "max-sessions", "allow", "deny", "expires", "disabled",
            "tls-policy", "tls-reuse", "tls-client-cert", "ssh-keys");

    /** A document that cannot be read as accounts; the message says where and why. */
    public static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    /**
     * A read document: the accounts, and the SSH keys of those that list them ("ssh-keys"; an
     * account without the key has no entry here, which an import reads as "keep its keys").
     */
    public record Document(List<User> users, Map<String, List<AuthorizedKey>> keys) {}

    private UserJson() {}

    public static String write(List<User> users) {
        return write(users, Map.of());
    }

    /** The accounts, each with its SSH keys as authorized_keys lines (an empty list when it has none). */
    public static String write(List<User> users, Map<String, List<AuthorizedKey>> keys) {
        ObjectNode root = JSON.createObjectNode();
        root.put(FORMAT_KEY, VERSION);
        ArrayNode list = root.putArray("users");
        for (User u : users) {
            ObjectNode n = toNode(u);
            ArrayNode lines = n.putArray("ssh-keys");
            keys.getOrDefault(u.name(), List.of()).forEach(k -> lines.add(k.line()));
            list.add(n);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<User> read(String text) throws FormatException {
        return readDocument(text).users();
    }

    public static Document readDocument(String text) throws FormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new FormatException("not JSON: " + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ")"));
        }
        if (root == null || !root.isObject() || !root.has("users") || !root.get("users").isArray()) {
            throw new FormatException("not a Ferry accounts document: expected {\"" + FORMAT_KEY + "\": 1, \"users\": [...]}");
        }
        JsonNode version = root.get(FORMAT_KEY);
        if (version != null && version.asInt() > VERSION) {
            throw new FormatException("accounts document version " + version.asInt() + " is newer than this Ferry reads (" + VERSION + ")");
        }
        List<User> out = new ArrayList<>();
        Map<String, List<AuthorizedKey>> keys = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode n : root.get("users")) {
            i++;
            User u = fromNode(n, i);
            out.add(u);
            if (n.has("ssh-keys") && !n.get("ssh-keys").isNull()) {
                keys.put(u.name(), sshKeys(n.get("ssh-keys"), "user '" + u.name() + "'"));
            }
        }
        return new Document(out, keys);
    }

    private static List<AuthorizedKey> sshKeys(JsonNode v, String where) throws FormatException {
        if (!v.isArray()) {
            throw new FormatException(where + ": \"ssh-keys\" must be a list of authorized_keys lines");
        }
        List<AuthorizedKey> out = new ArrayList<>();
        for (JsonNode line : v) {
            if (!line.isTextual()) {
                throw new FormatException(where + ": \"ssh-keys\" must be a list of strings");
            }
            try {
                out.add(AuthorizedKey.parse(line.asText(), Instant.now()));
            } catch (IllegalArgumentException e) {
                throw new FormatException(where + ": ssh key: " + e.getMessage());
            }
        }
        return out;
    }

    private static ObjectNode toNode(User u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", u.name());
        n.put("password-hash", u.passwordHash());
        u.home().ifPresent(h -> n.put("home", h));
        n.put("permissions", Permission.keys(u.permissions().base()));
        ObjectNode dirs = n.putObject("directory-permissions");
        u.permissions().overrides().forEach((path, perms) -> dirs.put(path.toString(), Permission.keys(perms)));
        UserLimits l = u.limits();
        n.put("quota-bytes", l.quotaBytes());
        n.put("quota-files", l.quotaFiles());
        n.put("up-rate", l.upRate());
        n.put("down-rate", l.downRate());
        n.put("max-sessions", l.maxSessions());
        ArrayNode allow = n.putArray("allow");
        l.allow().forEach(c -> allow.add(c.toString()));
        ArrayNode deny = n.putArray("deny");
        l.deny().forEach(c -> deny.add(c.toString()));
        if (u.expires().isPresent()) {
            n.put("expires", u.expires().get().toString());
        } else {
            n.putNull("expires");
        }
        n.put("disabled", u.disabled());
        // FTPS rules; null means "as the server says".
        putOrNull(n, "tls-policy", u.tls().policy().map(TlsPolicy::word));
        putOrNull(n, "tls-reuse", u.tls().reuse().map(TlsReuse::word));
        n.put("tls-client-cert", u.tls().clientCert().word());
        return n;
    }

    private static User fromNode(JsonNode n, int index) throws FormatException {
        String where = "user #" + index;
        if (!n.isObject()) {
            throw new FormatException(where + ": not an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new FormatException(where + ": unknown key '" + key + "' (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String name = text(n, "name", where).orElseThrow(() -> new FormatException("user #" + index + ": no \"name\""));
        where = "user '" + name + "'";
        String hash = text(n, "password-hash", where).orElseThrow(() -> new FormatException("user '" + name + "': no \"password-hash\""));
        try {
            Permissions perms = new Permissions(Permission.parseSet(text(n, "permissions", where).orElse("all")), overrides(n, where));
            UserLimits limits = new UserLimits(size(n, "quota-bytes", where, false), size(n, "quota-files", where, false),
                    size(n, "up-rate", where, true), size(n, "down-rate", where, true), (int) size(n, "max-sessions", where, false),
                    cidrs(n, "allow", where), cidrs(n, "deny", where));
            Optional<Instant> expires = text(n, "expires", where).filter(s -> !s.isBlank()).map(Instant::parse);
            JsonNode disabled = n.get("disabled");
            if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
                throw new FormatException(where + ": \"disabled\" must be true or false");
            }
            UserTls tls = new UserTls(
                    text(n, "tls-policy", where).filter(s -> !s.isBlank()).map(TlsPolicy::parse),
                    text(n, "tls-reuse", where).filter(s -> !s.isBlank()).map(TlsReuse::parse),
                    text(n, "tls-client-cert", where).filter(s -> !s.isBlank()).map(ClientCertLogin::parse)
                            .orElse(ClientCertLogin.PASSWORD));
            Optional<String> home = text(n, "home", where).filter(s -> !s.isBlank());
            if (home.isPresent() && !User.isUsableHome(home.get())) {
                throw new FormatException(where + ": \"home\" must be an absolute path without control characters");
            }
            return new User(name, hash, home, perms, limits,
                    disabled != null && disabled.asBoolean(), expires, tls);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    private static void putOrNull(ObjectNode n, String key, Optional<String> value) {
        if (value.isPresent()) {
            n.put(key, value.get());
        } else {
            n.putNull(key);
        }
    }

    private static Optional<String> text(JsonNode n, String key, String where) throws FormatException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new FormatException(where + ": \"" + key + "\" must be a string");
        }
        return Optional.of(v.asText());
    }

    private static long size(JsonNode n, String key, String where, boolean rate) throws FormatException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        long value;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) { // asLong would keep the low 64 bits: 2^64 + 1 as 1
                throw new FormatException(where + ": \"" + key + "\" out of range: " + v.asText());
            }
            value = v.longValue();
        } else if (v.isTextual()) {
            value = rate ? Units.parseRate(v.asText()) : Units.parseSize(v.asText());
        } else {
            throw new FormatException(where + ": \"" + key + "\" must be a number or a size such as \"10GiB\"");
        }
        if (value < 0 || (key.equals("max-sessions") && value > Integer.MAX_VALUE)) {
            throw new FormatException(where + ": \"" + key + "\" out of range: " + value);
        }
        return value;
    }

    private static List<Cidr> cidrs(JsonNode n, String key, String where) throws FormatException {
        JsonNode v = n.get(key);
        List<Cidr> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            return Cidr.parseList(v.asText());
        }
        if (!v.isArray()) {
            throw new FormatException(where + ": \"" + key + "\" must be a list of networks");
        }
        for (JsonNode c : v) {
            if (!c.isTextual()) {
                throw new FormatException(where + ": \"" + key + "\" must be a list of strings");
            }
            out.add(Cidr.parse(c.asText()));
        }
        return out;
    }

    private static Map<VirtualPath, Set<Permission>> overrides(JsonNode n, String where) throws FormatException {
        Map<VirtualPath, Set<Permission>> out = new LinkedHashMap<>();
        JsonNode v = n.get("directory-permissions");
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new FormatException(where + ": \"directory-permissions\" must map paths to permissions");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new FormatException(where + ": permissions of '" + e.getKey() + "' must be a string");
            }
            try {
                VirtualPath path = VirtualPath.of(e.getKey());
                if (path.isRoot()) {
                    throw new FormatException(where + ": use \"permissions\" for the base, not a \"/\" override");
                }
                out.put(path, Permission.parseSet(e.getValue().asText()));
            } catch (VfsException x) {
                throw new FormatException(where + ": bad path '" + e.getKey() + "': " + x.getMessage());
            }
        }
        return out;
    }
}
