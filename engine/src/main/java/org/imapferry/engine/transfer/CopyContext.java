package org.imapferry.engine.transfer;

import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;

/**
 * What every folder and slice copy of a run shares, whichever pair of sessions does it: the
 * options, where events go, the run-wide message pace, and the stop.
 */
public record CopyContext(SyncOptions options, SyncListener listener, RateGovernor governor, StopSignal stop) {}
