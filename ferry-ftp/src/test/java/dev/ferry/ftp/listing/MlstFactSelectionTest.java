package dev.ferry.ftp.listing;

import static dev.ferry.ftp.listing.MlsxFact.MODIFY;
import static dev.ferry.ftp.listing.MlsxFact.PERM;
import static dev.ferry.ftp.listing.MlsxFact.SIZE;
import static dev.ferry.ftp.listing.MlsxFact.TYPE;
import static dev.ferry.ftp.listing.MlsxFact.UNIX_MODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class MlstFactSelectionTest {

    @Test
    void newSessionsGetEveryFact() {
        MlstFactSelection all = MlstFactSelection.all();
        assertThat(all.enabled()).containsExactly(MlsxFact.values());
        assertThat(all.featLine()).isEqualTo("MLST type*;size*;modify*;perm*;unique*;UNIX.mode*;");
        assertThat(all.optsReply()).isEqualTo("MLST OPTS type;size;modify;perm;unique;UNIX.mode;");
    }

    @Test
    void parsesTheRfcForm() {
        MlstFactSelection s = MlstFactSelection.parse("type;size;modify;");
        assertThat(s.enabled()).containsExactly(TYPE, SIZE, MODIFY);
        assertThat(s.optsReply()).isEqualTo("MLST OPTS type;size;modify;");
        assertThat(s.featLine()).isEqualTo("MLST type*;size*;modify*;perm;unique;UNIX.mode;");
    }

    @Test
    void namesAreCaseInsensitiveAndRepliedInCanonicalSpellingAndOrder() {
        MlstFactSelection s = MlstFactSelection.parse("unix.MODE;PeRm;TYPE;");
        assertThat(s.enabled()).containsExactly(TYPE, PERM, UNIX_MODE);
        assertThat(s.optsReply()).isEqualTo("MLST OPTS type;perm;UNIX.mode;");
    }

    @Test
    void unknownFactsAreIgnored() {
        assertThat(MlstFactSelection.parse("fish;size;cakes;").enabled()).containsExactly(SIZE);
        assertThat(MlstFactSelection.parse("fish;cakes;").optsReply()).isEqualTo("MLST OPTS");
        assertThat(MlstFactSelection.parse("sizd;create;media-type;").enabled()).isEmpty();
    }

    @Test
    void anEmptyListTurnsEveryFactOff() {
        MlstFactSelection none = MlstFactSelection.parse("");
        assertThat(none.enabled()).isEmpty();
        assertThat(none.optsReply()).isEqualTo("MLST OPTS");
        assertThat(none.featLine()).isEqualTo("MLST type;size;modify;perm;unique;UNIX.mode;");
    }

    @Test
    void toleratesAMissingLastSemicolonAndEmptyItems() {
        assertThat(MlstFactSelection.parse("size;type").enabled()).containsExactly(TYPE, SIZE);
        assertThat(MlstFactSelection.parse(";;modify;;").enabled()).containsExactly(MODIFY);
    }

    @Test
    void isAnImmutableValue() {
        EnumSet<MlsxFact> source = EnumSet.of(TYPE);
        MlstFactSelection s = new MlstFactSelection(source);
        source.add(SIZE);
        assertThat(s.enabled()).containsExactly(TYPE);
        assertThatThrownBy(() -> s.enabled().add(SIZE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s).isEqualTo(MlstFactSelection.parse("type;"));
    }

    @Test
    void factLookup() {
        assertThat(MlsxFact.byName("UNIX.MODE")).hasValue(UNIX_MODE);
        assertThat(MlsxFact.byName("Modify")).hasValue(MODIFY);
        assertThat(MlsxFact.byName("unix")).isEmpty();
        assertThat(MlsxFact.byName("")).isEmpty();
    }
}
