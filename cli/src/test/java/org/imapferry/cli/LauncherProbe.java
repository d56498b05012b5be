package org.imapferry.cli;

/** The main class of the small jar {@link LauncherTest} runs on real JVMs: it says which Java ran it, and with what. */
public final class LauncherProbe {
    private LauncherProbe() {}

    public static void main(String[] args) {
        System.out.println("probe ran on Java " + Runtime.version().feature() + " with " + String.join(",", args));
    }
}
