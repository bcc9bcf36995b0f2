package dev.ferry.sftp.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits an exec request into words the way a POSIX shell would for the simple commands we run:
 * blanks separate words, single quotes keep everything, double quotes keep everything but
 * backslash escapes, a backslash outside quotes keeps the next character. There is no shell:
 * anything that would need one (pipes, redirections, variables, command substitution, several
 * commands) makes the request refused, never run.
 */
final class CommandLineWords {

    private CommandLineWords() {}

    /** The words, or empty when the line needs a shell or is malformed. */
    static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                w.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '$' || d == '`') {
                        return Optional.empty();
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    w.append(line.charAt(i));
                    i++;
                }
                if (i >= n) {
                    return Optional.empty();
                }
                inWord = true;
                i++;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    return Optional.empty();
                }
                w.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if ("|&;<>()$`\n\r".indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                w.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return Optional.of(words);
    }
}
