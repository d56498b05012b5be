package org.imapferry.protocol.leak;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link LeakCheckExtension}'s recording leak detector when the test run opens, before
 * any engine runs. Without it, a jqwik property that happens to run first allocates buffers with
 * Netty's default detector, which only logs leaks, and the whole JVM's leak check is silently
 * off. Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class LeakDetectorInstaller implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        LeakCheckExtension.install();
    }
}
