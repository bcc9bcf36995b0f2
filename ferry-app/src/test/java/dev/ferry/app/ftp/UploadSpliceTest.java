package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.core.transfer.SocketSplice;
import org.junit.jupiter.api.Test;

/**
 * The test JVMs open {@code sun.nio.ch}, as {@code bin/ferry} does: on Linux with Java 22 or later,
 * uploads there are spliced, so the large-upload tests (TransferCommandsTest, QuotaTest) run that
 * path here and the buffered copy in the {@code without-jdk-internals} execution.
 */
class UploadSpliceTest {

    @Test
    void uploadsAreSplicedOnLinuxWithJava22OrLater() {
        assumeTrue("Linux".equals(System.getProperty("os.name")), "splice(2) is Linux's: SKIPPED on " + System.getProperty("os.name"));
        assumeTrue(Runtime.version().feature() >= 22, "the splicing class needs Java 22: SKIPPED on " + Runtime.version());
        assertThat(SocketSplice.available()).isTrue();
    }
}
