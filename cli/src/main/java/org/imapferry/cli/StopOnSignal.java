package org.imapferry.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.StopSignal;

/**
 * SIGINT or SIGTERM during a run: the JVM runs its shutdown hooks on both, and this one asks the
 * engine to stop, gives the run {@link #GRACE} to return (print its statistics, write its
 * reports), then ends the process with the run's exit code: 6, EXIT_BY_SIGNAL, when the run
 * stopped, as imapsync. A shutdown hook must not call {@code System.exit}, which waits for the
 * hooks to end and so would wait forever; {@code Runtime.halt} ends the process once the output
 * is flushed, and a {@code System.exit} the main thread calls meanwhile just waits for it.
 */
final class StopOnSignal {
    static final Duration GRACE = Duration.ofSeconds(10);

    private final StopSignal stop;
    private final CountDownLatch returned = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "imapferry-stop");
    private volatile int exitCode = ExitCode.BY_SIGNAL.code();

    private StopOnSignal(StopSignal stop) {
        this.stop = stop;
    }

    static StopOnSignal install(StopSignal stop) {
        StopOnSignal signal = new StopOnSignal(stop);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** The run returned with this code: a hook already running ends the process with it. */
    void returned(int code) {
        exitCode = code;
        returned.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs, or is about to: it halts with this code.
        }
    }

    private void onShutdown() {
        stop.request();
        try {
            returned.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }
}
