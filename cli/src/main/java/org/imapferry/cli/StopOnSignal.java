package org.imapferry.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT or SIGTERM during a run or a probe: the JVM runs its shutdown hooks on both, and this one
 * asks the work to stop, gives it a grace ({@link #GRACE} for a run) to return (print its statistics, write its
 * reports), then ends the process with the run's exit code: 6, EXIT_BY_SIGNAL, when the run
 * stopped, as imapsync. A shutdown hook must not call {@code System.exit}, which waits for the
 * hooks to end and so would wait forever; {@code Runtime.halt} ends the process once the output
 * is flushed, and a {@code System.exit} the main thread calls meanwhile just waits for it.
 */
final class StopOnSignal {
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Runnable stop;
    private final Duration grace;
    private final CountDownLatch returned = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "imapferry-stop");
    private volatile int exitCode = ExitCode.BY_SIGNAL.code();

    private StopOnSignal(Runnable stop, Duration grace) {
        this.stop = stop;
        this.grace = grace;
    }

    /** @param stop asks the work to stop; it must return at once */
    static StopOnSignal install(Runnable stop, Duration grace) {
        StopOnSignal signal = new StopOnSignal(stop, grace);
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
        stop.run();
        try {
            returned.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }
}
