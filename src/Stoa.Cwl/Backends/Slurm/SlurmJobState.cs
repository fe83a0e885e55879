namespace Stoa.Cwl;

/// <summary>What a Slurm job state means for the job's outcome.</summary>
internal enum SlurmOutcome
{
    /// <summary>Still queued or running.</summary>
    InFlight,

    /// <summary>Ran to its end (COMPLETED or FAILED): the tool's exit code decides.</summary>
    Ran,

    /// <summary>Killed by Slurm's time limit.</summary>
    TimedOut,

    /// <summary>Lost through no fault of its own (node failure, pre-emption): submit again.</summary>
    Retry,

    /// <summary>Ended without a usable result (out of memory, cancelled, deadline…).</summary>
    Failed,
}

/// <summary>Slurm 22.05 job state names and what they mean here.</summary>
internal static class SlurmJobState
{
    public static SlurmOutcome Classify(string state) => state switch
    {
        "PENDING" or "CONFIGURING" or "RUNNING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "REQUEUE_HOLD"
            or "REQUEUE_FED" or "RESIZING" or "SIGNALING" or "STAGE_OUT" or "STOPPED" or "RESV_DEL_HOLD" => SlurmOutcome.InFlight,
        "COMPLETED" or "FAILED" => SlurmOutcome.Ran,
        "TIMEOUT" => SlurmOutcome.TimedOut,
        "NODE_FAIL" or "PREEMPTED" or "BOOT_FAIL" => SlurmOutcome.Retry,
        _ => SlurmOutcome.Failed, // OUT_OF_MEMORY, CANCELLED, DEADLINE, REVOKED, SPECIAL_EXIT…
    };
}
