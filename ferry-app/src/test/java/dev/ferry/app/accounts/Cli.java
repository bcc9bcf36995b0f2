package dev.ferry.app.accounts;

import dev.ferry.app.FerryMain;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code ferry ...} in-process, as the administrator would type it, with the output captured. */
final class Cli {

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nout: " + out + "\nerr: " + err;
        }
    }

    private Cli() {}

    /** Runs the command with {@code stdin} (as UTF-8) as standard input. */
    static Result run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs the command with these bytes as standard input. */
    static synchronized Result run(byte[] stdin, String... args) {
        CommandLine cl = FerryMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            int code = cl.execute(args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    static Result run(String... args) {
        return run("", args);
    }

    /** {@code args} followed by {@code --data DIR} (and {@code --users URL} when given). */
    static String[] at(java.nio.file.Path data, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--data");
        all.add(data.toString());
        return all.toArray(String[]::new);
    }
}
