package org.imapferry.protocol.leak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Netty's leak reports into test failures. Registered for every test class through
 * {@code META-INF/services} (JUnit's extension auto-detection), it installs, before any buffer
 * class is loaded, a leak detector that records each report; after each test class it collects
 * garbage, lets the detector look, and fails the class if anything leaked. Surefire runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Makes sure the recording detector is installed; the class initializer does the work. */
    static void install() {
        // Loading this class ran the static block above.
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertNoLeaks(context.getDisplayName());
    }

    /** Fails if Netty has reported a leak since the last check; the report is consumed. */
    static void assertNoLeaks(String where) throws InterruptedException {
        for (int round = 0; round < 3 && LEAKS.isEmpty(); round++) {
            System.gc();
            Thread.sleep(20);
            // The detector only reports while tracking a new allocation.
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
            }
        }
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n\n", LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty reported leaked buffers in or before " + where + ":\n" + report);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK: " + resourceType + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK: " + resourceType + " (no records; raise the leak detection level)");
        }
    }
}
