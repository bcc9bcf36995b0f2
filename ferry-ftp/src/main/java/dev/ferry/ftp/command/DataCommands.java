package dev.ferry.ftp.command;

import static dev.ferry.ftp.command.CommandSpec.Argument.NONE;
import static dev.ferry.ftp.command.CommandSpec.Argument.OPTIONAL;
import static dev.ferry.ftp.command.CommandSpec.Argument.REQUIRED;

import dev.ferry.core.net.Cidr;
import dev.ferry.core.text.AsciiDecimal;
import dev.ferry.ftp.FtpSession;
import dev.ferry.ftp.data.DataEndpoint;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASV, EPSV (RFC 2428), PORT, EPRT. Active targets are the choke point against FTP bounce: only
 * the control connection's own client address, and no privileged port.
 */
final class DataCommands {

    private static final Logger SECURITY = LoggerFactory.getLogger("ferry.security");

    private DataCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("PASV", true, NONE, "PASV (passive mode, IPv4)", DataCommands::pasv);
        t.add("EPSV", true, OPTIONAL, "EPSV [<sp> 1 | 2 | ALL] (extended passive mode)", DataCommands::epsv);
        t.add("PORT", true, REQUIRED, "PORT <sp> h1,h2,h3,h4,p1,p2 (active mode)", DataCommands::port);
        t.add("EPRT", true, REQUIRED, "EPRT <sp> |proto|address|port| (extended active mode)", DataCommands::eprt);
        t.feature("EPSV");
        t.feature("EPRT");
    }

    static void pasv(FtpSession s, String arg) throws IOException {
        if (s.epsvAll()) {
            s.reply(501, "PASV not allowed after EPSV ALL.");
            return;
        }
        InetAddress local = Cidr.canonical(s.localAddress());
        InetAddress advertised = s.context().passiveAddress().map(Cidr::canonical).orElse(local);
        if (!(advertised instanceof Inet4Address)) {
            s.reply(425, "PASV needs IPv4; use EPSV on IPv6.");
            return;
        }
        DataEndpoint.Passive endpoint = openPassive(s);
        if (endpoint == null) {
            return;
        }
        byte[] a = advertised.getAddress();
        int port = endpoint.port();
        s.reply(227, String.format(Locale.ROOT, "Entering Passive Mode (%d,%d,%d,%d,%d,%d).",
                a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff, port >> 8, port & 0xff));
    }

    static void epsv(FtpSession s, String arg) throws IOException {
        String a = arg.trim().toUpperCase(Locale.ROOT);
        if (a.equals("ALL")) {
            s.setEpsvAll();
            s.reply(200, "EPSV ALL ok: only EPSV will be accepted from now on.");
            return;
        }
        int family = Cidr.canonical(s.localAddress()) instanceof Inet6Address ? 2 : 1;
        if (!a.isEmpty() && !a.matches("[0-9]{1,3}")) { // RFC 2428: EPSV <SP> <net-prt>, a protocol number
            s.reply(501, "Syntax error: EPSV takes ALL or a network protocol number (1 or 2).");
            return;
        }
        if (!a.isEmpty() && !a.equals(Integer.toString(family))) {
            s.reply(522, "Network protocol not supported, use (" + family + ").");
            return;
        }
        DataEndpoint.Passive endpoint = openPassive(s);
        if (endpoint != null) {
            s.reply(229, "Entering Extended Passive Mode (|||" + endpoint.port() + "|).");
        }
    }

    private static DataEndpoint.Passive openPassive(FtpSession s) throws IOException {
        s.closeDataEndpoint(); // frees the previous port before taking another
        ServerSocketChannel listener;
        try {
            listener = s.context().passivePorts().open(s.localAddress());
        } catch (IOException e) {
            s.reply(425, "Can't open passive connection: " + e.getMessage() + ".");
            return null;
        }
        DataEndpoint.Passive endpoint = new DataEndpoint.Passive(listener, s.clientAddress(), s.who());
        s.setDataEndpoint(endpoint);
        return endpoint;
    }

    static void port(FtpSession s, String arg) throws IOException {
        if (s.epsvAll()) {
            s.reply(501, "PORT not allowed after EPSV ALL.");
            return;
        }
        String[] parts = arg.trim().split(",");
        if (parts.length != 6) {
            s.reply(501, "Illegal PORT command: h1,h2,h3,h4,p1,p2 expected.");
            return;
        }
        byte[] addr = new byte[4];
        int port;
        try {
            for (int i = 0; i < 4; i++) {
                addr[i] = (byte) octet(parts[i]);
            }
            port = octet(parts[4]) * 256 + octet(parts[5]);
        } catch (NumberFormatException e) {
            s.reply(501, "Illegal PORT command: numbers 0-255 expected.");
            return;
        }
        activeTarget(s, InetAddress.getByAddress(addr), port, "PORT");
    }

    static void eprt(FtpSession s, String arg) throws IOException {
        if (s.epsvAll()) {
            s.reply(501, "EPRT not allowed after EPSV ALL.");
            return;
        }
        String a = arg.trim();
        if (a.length() < 7) {
            s.reply(501, "Illegal EPRT command: |proto|address|port| expected.");
            return;
        }
        String d = a.substring(0, 1);
        String[] parts = a.split(java.util.regex.Pattern.quote(d), -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty()) {
            s.reply(501, "Illegal EPRT command: |proto|address|port| expected.");
            return;
        }
        long proto = AsciiDecimal.parse(parts[1], 9);
        int port = (int) AsciiDecimal.parse(parts[3], 65535);
        if (proto < 0 || port < 0) {
            s.reply(501, "Illegal EPRT command: bad protocol or port number.");
            return;
        }
        if (proto != 1 && proto != 2) {
            s.reply(522, "Network protocol not supported, use (1,2).");
            return;
        }
        String host = parts[2];
        boolean literalOk = proto == 1 ? host.matches("\\d{1,3}(\\.\\d{1,3}){3}") : host.contains(":") && host.matches("[0-9A-Fa-f:.]+");
        if (!literalOk || port < 1 || port > 65535) {
            s.reply(501, "Illegal EPRT command: bad address or port.");
            return;
        }
        InetAddress target;
        try {
            target = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            s.reply(501, "Illegal EPRT command: bad address.");
            return;
        }
        activeTarget(s, target, port, "EPRT");
    }

    private static void activeTarget(FtpSession s, InetAddress target, int port, String verb) throws IOException {
        InetAddress client = Cidr.canonical(s.clientAddress());
        if (!Cidr.canonical(target).equals(client)) {
            SECURITY.warn("refused {} to foreign address {} from {} (FTP bounce)", verb, target.getHostAddress(), s.who());
            s.reply(501, "Rejected: data connections go only to your own address.");
            return;
        }
        if (port < 1024) {
            SECURITY.warn("refused {} to privileged port {} from {}", verb, port, s.who());
            s.reply(501, "Rejected: privileged port.");
            return;
        }
        s.setDataEndpoint(new DataEndpoint.Active(new InetSocketAddress(s.clientAddress(), port)));
        s.reply(200, verb + " command successful. Consider using EPSV.");
    }

    private static int octet(String text) {
        int n = (int) AsciiDecimal.parse(text.trim(), 255);
        if (n < 0) {
            throw new NumberFormatException();
        }
        return n;
    }
}
