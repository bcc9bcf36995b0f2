package dev.ferry.ftp.listing;

import static dev.ferry.ftp.listing.Entries.withUnique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.user.Permission;
import dev.ferry.core.vfs.FileEntry;
import dev.ferry.core.vfs.FileType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MlsxFactsTest {

    static final Set<Permission> ALL = Permission.parseSet("all");
    static final Set<Permission> READ_ONLY = Permission.parseSet("read-only");
    static final MlstFactSelection EVERY = MlstFactSelection.all();

    static final FileEntry FILE = new FileEntry("report.txt", FileType.FILE, 1234,
            Instant.parse("2024-02-29T17:54:33Z"), 0644, 1, "801g42");
    static final FileEntry DIR = new FileEntry("docs", FileType.DIRECTORY, 0,
            Instant.parse("2023-01-05T08:00:00.250Z"), 0755, 3, "801g7");
    static final FileEntry OTHER = new FileEntry("fifo", FileType.OTHER, 0,
            Instant.parse("2023-01-05T08:00:00Z"), 0600, 1, "801g9");

    static String line(FileEntry e, Set<Permission> p, MlstFactSelection s) {
        return MlsxFacts.line(e, p, s).orElseThrow();
    }

    @Test
    void fileWithEveryFact() {
        assertThat(line(FILE, ALL, EVERY))
                .isEqualTo("type=file;size=1234;modify=20240229175433;perm=adfrw;unique=801g42;UNIX.mode=0644; report.txt");
        assertThat(line(FILE, READ_ONLY, EVERY))
                .isEqualTo("type=file;size=1234;modify=20240229175433;perm=r;unique=801g42;UNIX.mode=0644; report.txt");
    }

    @Test
    void directoryHasNoSize() {
        assertThat(line(DIR, ALL, EVERY))
                .isEqualTo("type=dir;modify=20230105080000.250;perm=cdeflmp;unique=801g7;UNIX.mode=0755; docs");
        assertThat(line(DIR, READ_ONLY, EVERY))
                .isEqualTo("type=dir;modify=20230105080000.250;perm=el;unique=801g7;UNIX.mode=0755; docs");
    }

    @Test
    void listedAndParentDirectories() {
        assertThat(MlsxFacts.line(DIR, ALL, EVERY, MlsxRole.LISTED_DIRECTORY, "/pub/docs")).hasValue(
                "type=cdir;modify=20230105080000.250;perm=cdeflmp;unique=801g7;UNIX.mode=0755; /pub/docs");
        assertThat(MlsxFacts.line(DIR, READ_ONLY, EVERY, MlsxRole.PARENT_DIRECTORY, "..")).hasValue(
                "type=pdir;modify=20230105080000.250;perm=el;unique=801g7;UNIX.mode=0755; ..");
    }

    @Test
    void onlyDirectoriesCanBeCdirOrPdir() {
        assertThatThrownBy(() -> MlsxFacts.line(FILE, ALL, EVERY, MlsxRole.LISTED_DIRECTORY, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MlsxFacts.line(OTHER, ALL, EVERY, MlsxRole.PARENT_DIRECTORY, ".."))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherTypesUseTheOsSpecificForm() {
        assertThat(line(OTHER, ALL, EVERY))
                .isEqualTo("type=OS.unix=special;modify=20230105080000;perm=df;unique=801g9;UNIX.mode=0600; fifo");
    }

    @Test
    void mlstNamesThePathAsGiven() {
        assertThat(MlsxFacts.line(FILE, ALL, MlstFactSelection.parse("type;"), MlsxRole.ENTRY, "/pub/my report.txt"))
                .hasValue("type=file; /pub/my report.txt");
    }

    @Test
    void noFactsLeavesTheSeparatingSpace() {
        assertThat(line(FILE, ALL, MlstFactSelection.parse(""))).isEqualTo(" report.txt");
    }

    @Test
    void namesAreEmittedExactlyAsGiven() {
        MlstFactSelection type = MlstFactSelection.parse("type;");
        for (String name : List.of("résumé 日本語.txt", "a b  c", "  leading", "trailing  ", "semi;colon=eq; x", "50%")) {
            assertThat(line(Entries.file(name, 1, Instant.EPOCH), ALL, type)).isEqualTo("type=file; " + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\r\ntype=file;size=1; fake", "a\nb", "a\rb", ""})
    void namesThatWouldBreakTheLineAreLeftOut(String name) {
        assertThat(MlsxFacts.line(Entries.file(name, 1, Instant.EPOCH), ALL, EVERY)).isEmpty();
        assertThat(MlsxFacts.line(FILE, ALL, EVERY, MlsxRole.ENTRY, name)).isEmpty();
    }

    @Test
    void mlstPathnamesFollowTheSameRule() {
        assertThat(MlsxFacts.line(FILE, ALL, EVERY, MlsxRole.ENTRY, "/pub/a\nb")).isEmpty();
    }

    @Test
    void bigSizes() {
        FileEntry big = Entries.file("big.iso", 5_000_000_000L, Instant.EPOCH);
        assertThat(line(big, ALL, MlstFactSelection.parse("size;"))).isEqualTo("size=5000000000; big.iso");
        FileEntry max = Entries.file("max", Long.MAX_VALUE, Instant.EPOCH);
        assertThat(line(max, ALL, MlstFactSelection.parse("size;"))).isEqualTo("size=9223372036854775807; max");
    }

    @Test
    void modeKeepsSpecialBitsAndFourDigits() {
        MlstFactSelection mode = MlstFactSelection.parse("UNIX.mode;");
        assertThat(line(Entries.withMode(FILE, 0), ALL, mode)).isEqualTo("UNIX.mode=0000; report.txt");
        assertThat(line(Entries.withMode(FILE, 04755), ALL, mode)).isEqualTo("UNIX.mode=4755; report.txt");
        assertThat(line(Entries.withMode(DIR, 01777), ALL, mode)).isEqualTo("UNIX.mode=1777; docs");
    }

    @Test
    void uniqueIdsAreMadeValidFactValues() {
        MlstFactSelection unique = MlstFactSelection.parse("unique;");
        assertThat(line(withUnique(FILE, "dev:2049,ino.7"), ALL, unique)).isEqualTo("unique=dev:2049,ino.7; report.txt");
        assertThat(line(withUnique(FILE, "dev=1;ino=7 x"), ALL, unique)).isEqualTo("unique=dev%3D1%3Bino%3D7%20x; report.txt");
        assertThat(line(withUnique(FILE, "100%"), ALL, unique)).isEqualTo("unique=100%25; report.txt");
        assertThat(line(withUnique(FILE, "é*"), ALL, unique)).isEqualTo("unique=%C3%A9%2A; report.txt");
        assertThat(line(withUnique(FILE, ""), ALL, unique)).isEqualTo(" report.txt");
        assertThat(line(withUnique(FILE, null), ALL, unique)).isEqualTo(" report.txt");
    }

    @Test
    void timesThatCannotBeWrittenAreLeftOut() {
        FileEntry e = Entries.file("f", 1, Instant.MAX);
        assertThat(line(e, ALL, MlstFactSelection.parse("type;modify;size;"))).isEqualTo("type=file;size=1; f");
    }

    @Test
    void emptyPermIsStillSaid() {
        assertThat(line(FILE, EnumSet.noneOf(Permission.class), MlstFactSelection.parse("perm;"))).isEqualTo("perm=; report.txt");
    }

    /** Every one of the 64 selections a client can make, on a file and on a directory. */
    static Stream<MlstFactSelection> everySelection() {
        MlsxFact[] facts = MlsxFact.values();
        return IntStream.range(0, 1 << facts.length).mapToObj(mask -> {
            EnumSet<MlsxFact> s = EnumSet.noneOf(MlsxFact.class);
            for (int i = 0; i < facts.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    s.add(facts[i]);
                }
            }
            return new MlstFactSelection(s);
        });
    }

    @ParameterizedTest
    @MethodSource("everySelection")
    void reportsExactlyTheSelectedFactsInOrder(MlstFactSelection selection) {
        Map<MlsxFact, String> fileFacts = new LinkedHashMap<>();
        fileFacts.put(MlsxFact.TYPE, "type=file;");
        fileFacts.put(MlsxFact.SIZE, "size=1234;");
        fileFacts.put(MlsxFact.MODIFY, "modify=20240229175433;");
        fileFacts.put(MlsxFact.PERM, "perm=adfrw;");
        fileFacts.put(MlsxFact.UNIQUE, "unique=801g42;");
        fileFacts.put(MlsxFact.UNIX_MODE, "UNIX.mode=0644;");
        assertThat(line(FILE, ALL, selection)).isEqualTo(expected(fileFacts, selection) + " report.txt");

        Map<MlsxFact, String> dirFacts = new LinkedHashMap<>();
        dirFacts.put(MlsxFact.TYPE, "type=dir;");
        dirFacts.put(MlsxFact.MODIFY, "modify=20230105080000.250;");
        dirFacts.put(MlsxFact.PERM, "perm=el;");
        dirFacts.put(MlsxFact.UNIQUE, "unique=801g7;");
        dirFacts.put(MlsxFact.UNIX_MODE, "UNIX.mode=0755;");
        assertThat(line(DIR, READ_ONLY, selection)).isEqualTo(expected(dirFacts, selection) + " docs");
    }

    private static String expected(Map<MlsxFact, String> facts, MlstFactSelection selection) {
        List<String> parts = new ArrayList<>();
        facts.forEach((fact, text) -> {
            if (selection.isEnabled(fact)) {
                parts.add(text);
            }
        });
        return String.join("", parts);
    }
}
