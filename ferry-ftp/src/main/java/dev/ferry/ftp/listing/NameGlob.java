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

    /**
     * Iterative, remembering only the last '*' (backtracking to it, one name character further,
     * on a mismatch): O(pattern x name) steps whatever the pattern. The recursive form took
     * exponential time on {@code *a*a*a*a*a*a*b}, which any user could send to stall a carrier.
     */
    private boolean match(int p, String name, int n) {
        int starP = -1;
        int starN = -1;
        while (n < name.length()) {
            int next = p < pattern.length() ? step(p, name.charAt(n)) : -1;
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
            } else if (next >= 0) {
                p = next;
                n++;
            } else if (starP >= 0) {
                p = starP + 1;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * Where the pattern goes on after the element at {@code p} (not a '*') matched {@code c}, or -1
     * when it does not match.
     */
    private int step(int p, char c) {
        char e = pattern.charAt(p);
        switch (e) {
            case '*' -> {
                return -1; // handled by the caller
            }
            case '?' -> {
                return p + 1;
            }
            case '[' -> {
                int end = classEnd(p);
                if (end < 0) { // no closing ']': a literal '['
                    return c == '[' ? p + 1 : -1;
                }
                return inClass(p + 1, end, c) ? end + 1 : -1;
            }
            default -> {
                if (e == '\\' && p + 1 < pattern.length()) {
                    return pattern.charAt(p + 1) == c ? p + 2 : -1;
                }
                return e == c ? p + 1 : -1;
            }
        }
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
