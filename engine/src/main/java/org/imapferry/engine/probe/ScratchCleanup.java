package org.imapferry.engine.probe;

/**
 * What became of the folder the write phases wrote into.
 *
 * @param problem why it could not be deleted, or null when it was
 */
public record ScratchCleanup(String folder, boolean deleted, String problem) {}
