package dev.ferry.ftp.listing;

import java.util.Optional;

/**
 * A shell pattern for the last name of a LIST or NLST argument ({@code *.log}, {@code f?.bin},
 * {@code [ab]*}), as vsftpd, proftpd and pure-ftpd expand them: Windows {@code ftp.exe}'s
 * {@code mget *.log} and scripts' {@code ftplib.nlst("*.csv")} send the pattern and expect the
 * server to match it. {@code *} is any run of characters, {@code ?} one character, {@code [...]}
 * one of a set ({@code a-z} ranges; {@code !} or {@code ^} first negates it); a backslash takes the
 * next character literally. As in a shell, a name starting with '.' is matched only by a pattern
 * that starts with '.'. Patterns stay within one directory.
 */
public final class NameGlob {

    private final String pattern;

    private NameGlob(String pattern) {
        this.pattern = pattern;
    }

    /** The pattern {@code name} spells, or empty when it has no pattern characters. */
    public static Optional<NameGlob> of(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return Optional.of(new NameGlob(name));
            }
        }
        return Optional.empty();
    }

    public boolean matches(String name) {
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        return match(0, name, 0);
    }

    private boolean match(int p, String name, int n) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            switch (c) {
                case '*' -> {
                    while (p < pattern.length() && pattern.charAt(p) == '*') {
                        p++;
                    }
                    if (p == pattern.length()) {
                        return true;
                    }
                    for (int k = n; k <= name.length(); k++) {
                        if (match(p, name, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (n == name.length()) {
                        return false;
                    }
                    p++;
                    n++;
                }
                case '[' -> {
                    int end = classEnd(p);
                    if (end < 0) { // no closing ']': a literal '['
                        if (n == name.length() || name.charAt(n) != '[') {
                            return false;
                        }
                        p++;
                        n++;
                    } else {
                        if (n == name.length() || !inClass(p + 1, end, name.charAt(n))) {
                            return false;
                        }
                        p = end + 1;
                        n++;
                    }
                }
                default -> {
                    if (c == '\\' && p + 1 < pattern.length()) {
                        c = pattern.charAt(++p);
                    }
                    if (n == name.length() || name.charAt(n) != c) {
                        return false;
                    }
                    p++;
                    n++;
                }
            }
        }
        return n == name.length();
    }

    /** The index of the ']' that closes the class opened at {@code open}, or -1. */
    private int classEnd(int open) {
        int i = open + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // a ']' first in the set is a member
        }
        for (; i < pattern.length(); i++) {
            if (pattern.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }

    private boolean inClass(int from, int end, char c) {
        boolean negate = pattern.charAt(from) == '!' || pattern.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean found = false;
        boolean first = true;
        while (i < end) {
            char lo = pattern.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                char hi = pattern.charAt(i + 2);
                found |= lo <= c && c <= hi;
                i += 3;
            } else {
                found |= lo == c;
                i++;
            }
        }
        return found != negate;
    }
}
