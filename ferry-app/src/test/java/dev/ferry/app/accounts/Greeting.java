package dev.ferry.app.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The first line a client gets on connecting, read from a plain socket (Commons Net turns a 421
 * greeting into an exception, which would hide the text).
 */
final class Greeting {

    private Greeting() {}

    static String of(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            return line == null ? "(closed without a greeting)" : line;
        }
    }
}
