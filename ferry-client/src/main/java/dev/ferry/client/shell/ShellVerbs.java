package dev.ferry.client.shell;

import dev.ferry.client.progress.Formats;
import dev.ferry.client.progress.ProgressListener;
import dev.ferry.client.progress.Reporter;
import dev.ferry.client.remote.RemoteEntry;
import dev.ferry.client.remote.RemoteException;
import dev.ferry.client.remote.RemoteFileSystem;
import dev.ferry.client.remote.RemotePaths;
import dev.ferry.client.transfer.TransferOptions;
import dev.ferry.client.transfer.TransferResult;
import dev.ferry.client.transfer.Transfers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The shell's commands: one method each, dispatched by name. */
final class ShellVerbs {

    static final List<String> NAMES = List.of("cd", "pwd", "ls", "dir", "get", "put", "mget", "mput", "mkdir", "rmdir", "rm",
            "delete", "mv", "rename", "lcd", "lpwd", "lls", "help", "?", "exit", "quit", "bye");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private static final String HELP = """
            Remote:  cd [DIR]   pwd   ls [PATH]   mkdir DIR   rmdir DIR   rm FILE...   mv FROM TO
            Files:   get [-c] REMOTE [LOCAL]   put [-c] LOCAL [REMOTE]   mget PATTERN...   mput PATTERN...
            Local:   lcd [DIR]   lpwd   lls [DIR]
            Other:   help   exit (or Ctrl-D)
            Tab completes commands and remote paths; Ctrl-C stops a transfer (get -c / put -c resume it).""";

    /** A command used wrongly; the message is its usage. */
    static final class Usage extends Exception {
        Usage(String message) {
            super(message);
        }
    }

    private ShellVerbs() {}

    static void run(Shell sh, List<String> words, PrintWriter out) throws Exception {
        String cmd = words.getFirst();
        List<String> args = words.subList(1, words.size());
        switch (cmd) {
            case "help", "?" -> out.println(HELP);
            case "exit", "quit", "bye" -> sh.exit();
            case "pwd" -> out.println(Formats.printable(sh.cwd()));
            case "cd" -> cd(sh, args);
            case "ls", "dir" -> ls(sh, args, out);
            case "get" -> get(sh, args, out);
            case "put" -> put(sh, args, out);
            case "mget" -> mget(sh, args, out);
            case "mput" -> mput(sh, args, out);
            case "mkdir" -> {
                need(args, 1, "mkdir DIR...");
                for (String a : args) {
                    sh.fs().mkdir(sh.remote(a));
                }
                sh.changed();
            }
            case "rmdir" -> {
                need(args, 1, "rmdir DIR...");
                for (String a : args) {
                    sh.fs().rmdir(sh.remote(a));
                }
                sh.changed();
            }
            case "rm", "delete" -> rm(sh, args, out);
            case "mv", "rename" -> {
                if (args.size() != 2) {
                    throw new Usage("usage: mv FROM TO");
                }
                sh.fs().move(sh.remote(args.get(0)), sh.remote(args.get(1)));
                sh.changed();
            }
            case "lpwd" -> out.println(sh.localDir());
            case "lcd" -> {
                Path dir = args.isEmpty() ? Path.of(System.getProperty("user.home")) : sh.localDir().resolve(args.getFirst()).normalize();
                if (!Files.isDirectory(dir)) {
                    throw new Usage("lcd: no such local directory: " + dir);
                }
                sh.setLocalDir(dir.toAbsolutePath());
                out.println("local directory now " + sh.localDir());
            }
            case "lls" -> lls(sh, args, out);
            default -> throw new Usage("unknown command '" + Formats.printable(cmd) + "'; type help");
        }
    }

    private static void need(List<String> args, int n, String usage) throws Usage {
        if (args.size() < n) {
            throw new Usage("usage: " + usage);
        }
    }

    private static void cd(Shell sh, List<String> args) throws IOException {
        String target = args.isEmpty() ? sh.fs().home() : sh.remote(args.getFirst());
        Optional<RemoteEntry> e = sh.fs().stat(target);
        if (e.isEmpty()) {
            throw new RemoteException(RemoteException.Kind.NOT_FOUND, "cd: no such directory: " + target);
        }
        if (!e.get().isDirectory()) {
            throw new RemoteException(RemoteException.Kind.REFUSED, "cd: not a directory: " + target);
        }
        sh.setCwd(target);
    }

    private static void ls(Shell sh, List<String> args, PrintWriter out) throws IOException {
        String path = args.isEmpty() ? sh.cwd() : sh.remote(args.getFirst());
        Optional<RemoteEntry> e = sh.fs().stat(path);
        if (e.isEmpty()) {
            throw new RemoteException(RemoteException.Kind.NOT_FOUND, "ls: no such file or directory: " + path);
        }
        List<RemoteEntry> entries = e.get().isDirectory() ? sh.fs().list(path) : List.of(e.get());
        for (RemoteEntry x : entries.stream().sorted(Comparator.comparing(RemoteEntry::name)).toList()) {
            char type = x.isDirectory() ? 'd' : x.type() == RemoteEntry.Type.LINK ? 'l' : '-';
            out.println(type + " " + String.format("%12d", Math.max(0, x.size())) + "  "
                    + x.modified().map(TIME::format).orElse("                ") + "  " + Formats.printable(x.name())
                    + (x.isDirectory() ? "/" : ""));
        }
    }

    /** Splits a leading -c off the arguments. */
    private record Flags(boolean resume, List<String> rest) {
        static Flags of(List<String> args) {
            boolean c = !args.isEmpty() && (args.getFirst().equals("-c") || args.getFirst().equals("--continue"));
            return new Flags(c, c ? args.subList(1, args.size()) : args);
        }
    }

    private static TransferOptions options(Shell sh, boolean resume) {
        return sh.transferOptions().withResume(resume || sh.transferOptions().resume());
    }

    private static void get(Shell sh, List<String> args, PrintWriter out) throws Exception {
        Flags f = Flags.of(args);
        if (f.rest().isEmpty() || f.rest().size() > 2) {
            throw new Usage("usage: get [-c] REMOTE [LOCAL]");
        }
        String remote = sh.remote(f.rest().getFirst());
        Path local = f.rest().size() == 2 ? sh.localDir().resolve(f.rest().get(1)) : sh.localDir().resolve(RemotePaths.name(remote));
        if (Files.isDirectory(local)) {
            local = local.resolve(RemotePaths.name(remote));
        }
        download(sh, remote, local, f.resume());
    }

    private static void download(Shell sh, String remote, Path local, boolean resume) throws Exception {
        try (Reporter r = sh.reporter()) {
            ProgressListener p = r.transfer("get " + RemotePaths.name(remote));
            try {
                TransferResult result = Transfers.get(sh.connection(), remote, local, options(sh, resume), p);
                p.finished(result.verification().describe());
            } catch (Exception e) {
                p.failed(String.valueOf(e.getMessage()));
                throw e;
            }
        }
    }

    private static void put(Shell sh, List<String> args, PrintWriter out) throws Exception {
        Flags f = Flags.of(args);
        if (f.rest().isEmpty() || f.rest().size() > 2) {
            throw new Usage("usage: put [-c] LOCAL [REMOTE]");
        }
        Path local = sh.localDir().resolve(f.rest().getFirst());
        String remote = f.rest().size() == 2 ? sh.remote(f.rest().get(1)) : sh.remote(local.getFileName().toString());
        Optional<RemoteEntry> there = sh.fs().stat(remote);
        if (there.isPresent() && there.get().isDirectory()) {
            remote = RemotePaths.child(remote, local.getFileName().toString());
        }
        upload(sh, local, remote, f.resume());
    }

    private static void upload(Shell sh, Path local, String remote, boolean resume) throws Exception {
        try (Reporter r = sh.reporter()) {
            ProgressListener p = r.transfer("put " + RemotePaths.name(remote));
            try {
                TransferResult result = Transfers.put(sh.connection(), local, remote, options(sh, resume), p);
                p.finished(result.verification().describe());
            } catch (Exception e) {
                p.failed(String.valueOf(e.getMessage()));
                throw e;
            }
        }
        sh.changed();
    }

    /** The remote files a pattern names: a glob matches names in its directory; a plain name is itself. */
    private static List<RemoteEntry> remoteMatches(Shell sh, String pattern) throws IOException {
        RemoteFileSystem fs = sh.fs();
        String full = sh.remote(pattern);
        String name = RemotePaths.name(full);
        if (!Globs.isGlob(name)) {
            return fs.stat(full).map(List::of).orElse(List.of());
        }
        PathMatcher m = Globs.matcher(name);
        List<RemoteEntry> out = new ArrayList<>();
        for (RemoteEntry e : fs.list(RemotePaths.parent(full))) {
            if (Globs.matches(m, e.name())) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(RemoteEntry::name));
        return out;
    }

    private static void mget(Shell sh, List<String> args, PrintWriter out) throws Exception {
        Flags f = Flags.of(args);
        need(f.rest(), 1, "mget [-c] PATTERN...");
        int n = 0;
        for (String pattern : f.rest()) {
            List<RemoteEntry> files = remoteMatches(sh, pattern).stream().filter(RemoteEntry::isFile).toList();
            if (files.isEmpty()) {
                out.println("mget: nothing matches " + pattern);
            }
            for (RemoteEntry e : files) {
                download(sh, e.path(), sh.localDir().resolve(e.name()), f.resume());
                n++;
            }
        }
        out.println("mget: " + n + " file(s)");
    }

    private static void mput(Shell sh, List<String> args, PrintWriter out) throws Exception {
        Flags f = Flags.of(args);
        need(f.rest(), 1, "mput [-c] PATTERN...");
        int n = 0;
        for (String pattern : f.rest()) {
            List<Path> files = localMatches(sh, pattern);
            if (files.isEmpty()) {
                out.println("mput: nothing matches " + pattern);
            }
            for (Path p : files) {
                upload(sh, p, sh.remote(p.getFileName().toString()), f.resume());
                n++;
            }
        }
        out.println("mput: " + n + " file(s)");
    }

    private static List<Path> localMatches(Shell sh, String pattern) throws IOException {
        Path full = sh.localDir().resolve(pattern);
        String name = full.getFileName() == null ? "" : full.getFileName().toString();
        if (!Globs.isGlob(name)) {
            return Files.isRegularFile(full) ? List.of(full) : List.of();
        }
        PathMatcher m = Globs.matcher(name);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(full.getParent())) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && Globs.matches(m, p.getFileName().toString())) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static void rm(Shell sh, List<String> args, PrintWriter out) throws Exception {
        need(args, 1, "rm FILE... (patterns allowed)");
        for (String a : args) {
            List<RemoteEntry> targets = remoteMatches(sh, a);
            if (targets.isEmpty()) {
                throw new RemoteException(RemoteException.Kind.NOT_FOUND, "rm: no such file: " + sh.remote(a));
            }
            for (RemoteEntry e : targets) {
                if (e.isDirectory()) {
                    out.println("rm: " + e.path() + " is a directory (use rmdir)");
                } else {
                    sh.fs().delete(e.path());
                }
            }
        }
        sh.changed();
    }

    private static void lls(Shell sh, List<String> args, PrintWriter out) throws IOException {
        Path dir = args.isEmpty() ? sh.localDir() : sh.localDir().resolve(args.getFirst());
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString());
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                boolean d = Files.isDirectory(p);
                out.println((d ? 'd' : '-') + " " + String.format("%12d", d ? 0 : Files.size(p)) + "  "
                        + TIME.format(Files.getLastModifiedTime(p).toInstant()) + "  " + p.getFileName() + (d ? "/" : ""));
            }
        }
    }
}
