package org.imapferry.engine.probe;

/** The bytes a phase's connection had moved by a moment ({@code System.nanoTime()}). */
record RateSample(long nanos, long bytes) {}
