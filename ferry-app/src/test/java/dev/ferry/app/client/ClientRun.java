package dev.ferry.app.client;

import dev.ferry.app.FerryMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one {@code ferry ...} command line in-process and keeps what it printed. */
record ClientRun(int exit, String out, String err) {

    static ClientRun of(String... args) {
        CommandLine cl = FerryMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new ClientRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
