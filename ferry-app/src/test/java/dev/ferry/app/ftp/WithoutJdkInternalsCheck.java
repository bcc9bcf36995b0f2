package dev.ferry.app.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs only in the surefire execution {@code without-jdk-internals} (ferry-app/pom.xml), which
 * repeats the file-system tests on a JVM that does not open {@code sun.nio.fs}: this proves that
 * JVM really is one, so those tests exercise the fallback walk and stat and the buffered upload
 * copy, not the fast ones.
 */
class WithoutJdkInternalsCheck {

    @Test
    void sunNioFsIsNotOpenToFerry() {
        Module base = Object.class.getModule();
        assertThat(base.isOpen("sun.nio.fs", WithoutJdkInternalsCheck.class.getModule())).isFalse();
    }

    @Test
    void uploadsAreNotSplicedSoTheCopyIsWhatRuns() {
        assertThat(dev.ferry.core.transfer.SocketSplice.available()).isFalse();
    }
}
