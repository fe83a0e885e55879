namespace Stoa.Host.Web.Vo;

/// <summary>UWS 1.1 execution phases (§2.1.3) this service uses.</summary>
internal enum UwsPhase
{
    Pending,
    Queued,
    Executing,
    Completed,
    Error,
    Aborted,
}

/// <summary>
/// One asynchronous TAP query (a UWS job): its parameters, phase, times, and its result or error document once
/// finished. Phase changes are made under the job's lock and wake whoever waits for one (UWS WAIT).
/// </summary>
internal sealed class TapJob
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TapJob(string id, Dictionary<string, string> parameters, DateTime nowUtc)
    {
        Id = id;
        Parameters = parameters;
        CreationTime = nowUtc;
        Destruction = nowUtc.AddDays(1);
    }

    public string Id { get; }

    /// <summary>The TAP parameters (LANG, QUERY, MAXREC, RESPONSEFORMAT…), names upper case; changeable while Pending.</summary>
    public Dictionary<string, string> Parameters { get; }

    public UwsPhase Phase { get; private set; }

    public DateTime CreationTime { get; }

    public DateTime? StartTime { get; private set; }

    public DateTime? EndTime { get; private set; }

    public DateTime Destruction { get; set; }

    /// <summary>Seconds a run may take; 0 means no limit (UWS). Runs are not cut off at it, so 0 is what is told.</summary>
    public int ExecutionDuration => 0;

    public byte[]? Result { get; private set; }

    public string? ResultType { get; private set; }

    public byte[]? ErrorDocument { get; private set; }

    public string? ErrorMessage { get; private set; }

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Pending → Queued; false when the job is past Pending (UWS: RUN then changes nothing).</summary>
    public bool Queue() => Move(UwsPhase.Pending, UwsPhase.Queued);

    public bool Start(DateTime nowUtc)
    {
        lock (_gate)
        {
            if (Phase != UwsPhase.Queued)
            {
                return false;
            }

            StartTime = nowUtc;
            Set(UwsPhase.Executing);
            return true;
        }
    }

    public void Finish(byte[] body, string contentType, string? error, DateTime nowUtc)
    {
        lock (_gate)
        {
            if (Phase != UwsPhase.Executing)
            {
                return; // aborted meanwhile: the result is dropped
            }

            EndTime = nowUtc;
            if (error is null)
            {
                Result = body;
                ResultType = contentType;
                Set(UwsPhase.Completed);
            }
            else
            {
                ErrorDocument = body;
                ErrorMessage = error;
                Set(UwsPhase.Error);
            }
        }
    }

    /// <summary>Any phase before a final one → Aborted.</summary>
    public void Abort(DateTime nowUtc)
    {
        lock (_gate)
        {
            if (Phase is UwsPhase.Pending or UwsPhase.Queued or UwsPhase.Executing)
            {
                EndTime = nowUtc;
                Set(UwsPhase.Aborted);
                Cancellation.Cancel();
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a phase change while the job is active (UWS 1.1 §2.2.1.1 WAIT).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        Task changed;
        lock (_gate)
        {
            if (Phase is not (UwsPhase.Pending or UwsPhase.Queued or UwsPhase.Executing))
            {
                return;
            }

            changed = _changed.Task;
        }

        try
        {
            await changed.WaitAsync(timeout, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // WAIT ends at its timeout with the job as it is.
        }
    }

    private bool Move(UwsPhase from, UwsPhase to)
    {
        lock (_gate)
        {
            if (Phase != from)
            {
                return false;
            }

            Set(to);
            return true;
        }
    }

    private void Set(UwsPhase phase)
    {
        Phase = phase;
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }
}
